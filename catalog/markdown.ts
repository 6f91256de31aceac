// The one Markdown escaping, shared with the documents golden paths write (model/ imports nothing).
export { markdownText } from '../model/markdown-text';
