// Rebuilds the portal's records from a packed data block (catalog/portal/packed-table.ts): tables of
// rows whose strings sit once in a pool. Reads each column's kind from the data itself. Inlined
// ahead of portal.js as one script; test/portal-data.test.ts runs it in Node against the packer.
'use strict';
function unpackPortalData(packed) {
  const pool = packed.strings || [];
  const pairs = (list) => {
    const out = [];
    for (let i = 0; i < list.length; i += 2) out.push([pool[list[i]], pool[list[i + 1]]]);
    return out;
  };
  const decode = (value, kind, columns) => {
    switch (kind) {
      case 's':
        return pool[value];
      case 'S':
        return value.map((i) => pool[i]);
      case 'u':
        return pool[value[0]] + pool[value[1]];
      case 'U':
        return pairs(value).map(([start, rest]) => start + rest);
      case 'R':
        return Object.fromEntries(pairs(value)); // own properties only, whatever the keys (even __proto__)
      case 'T':
        return value.map((row) => record(row, columns));
      default:
        return value;
    }
  };
  const record = (row, columns) => {
    const r = {};
    for (let i = 0; i < columns.length; i++) {
      const v = row[i];
      if (v !== undefined && v !== null) r[columns[i][0]] = decode(v, columns[i][1], columns[i][2]);
    }
    return r;
  };
  const out = {};
  for (const [k, v] of Object.entries(packed)) if (k !== 'strings' && k !== 'tables') out[k] = v;
  for (const [name, table] of Object.entries(packed.tables || {})) out[name] = table.rows.map((row) => record(row, table.columns));
  return out;
}
