// Tests that run the compiled entry points (dist/) need one build, before any test file starts:
// building from several test files at once would race on dist/.
const { execFileSync } = require('child_process');
const path = require('path');

module.exports = () => {
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: path.join(__dirname, '..'), stdio: 'inherit' });
};
