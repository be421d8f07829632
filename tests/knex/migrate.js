#!/usr/bin/env node
// migrate.js SERVICE_DIR... - apply the Knex migrations of each service, in
// the order given, to the database named by the PG* environment variables.
//
// Used only by the tests (tests/integration/test_knex_equivalence.py,
// tests/knex/compare.sh): the example project's migrations are run by Knex
// itself, so the schema they build is the real one, not dbaudit's reading.
//
// For each service folder: load its knexfile (knexfile.ts, .js, .cjs), take
// the "development" environment (or the exported config when it is a single
// one), replace its connection with PGHOST, PGPORT, PGUSER and PGDATABASE
// (no password), and run migrate.latest() with the knexfile's migrations
// settings, directories resolved from the service folder.  TypeScript
// knexfiles and migrations are compiled to CommonJS on load with
// typescript.transpileModule (no type checking).  Prints one line per
// service; exits 1 on the first failure.
'use strict';

const fs = require('fs');
const path = require('path');
const Module = require('module');

// Files under the services' folders require('knex') too: resolve it here.
process.env.NODE_PATH = [path.join(__dirname, 'node_modules'), process.env.NODE_PATH]
  .filter(Boolean)
  .join(path.delimiter);
Module._initPaths();

const ts = require('typescript');
const knexFactory = require('knex');

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const out = ts.transpileModule(source, {
    fileName: filename,
    reportDiagnostics: true,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2020,
      esModuleInterop: true,
      sourceMap: false,
    },
  });
  const errors = (out.diagnostics || []).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length) {
    const text = errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('\n');
    throw new Error(`${filename}: ${text}`);
  }
  module._compile(out.outputText, filename);
};

const KNEXFILES = ['knexfile.ts', 'knexfile.js', 'knexfile.cjs'];

function loadConfig(dir) {
  const name = KNEXFILES.find((f) => fs.existsSync(path.join(dir, f)));
  if (!name) throw new Error(`${dir}: no knexfile (${KNEXFILES.join(', ')})`);
  let exported = require(path.join(dir, name));
  if (exported && exported.__esModule && exported.default) exported = exported.default;
  if (typeof exported === 'function') exported = exported();
  const config = exported && exported.client ? exported : exported && exported.development;
  if (!config) throw new Error(`${dir}/${name}: no development environment and no single config`);
  return { name, config };
}

function resolveDirs(dir, value) {
  if (value === undefined) return path.join(dir, 'migrations');
  return Array.isArray(value) ? value.map((d) => path.resolve(dir, d)) : path.resolve(dir, value);
}

async function migrate(dir) {
  const { name, config } = loadConfig(dir);
  const migrations = { ...(config.migrations || {}) };
  migrations.directory = resolveDirs(dir, migrations.directory);
  const connection = {
    host: process.env.PGHOST || 'localhost',
    port: Number(process.env.PGPORT || 5432),
    user: process.env.PGUSER,
    database: process.env.PGDATABASE,
  };
  const knex = knexFactory({ ...config, connection, migrations });
  try {
    const [batch, files] = await knex.migrate.latest();
    const table = migrations.schemaName
      ? `${migrations.schemaName}.${migrations.tableName || 'knex_migrations'}`
      : migrations.tableName || 'knex_migrations';
    console.log(`${path.basename(dir)}: ${name}, ${files.length} migration(s) applied in batch ${batch} (${table})`);
  } finally {
    await knex.destroy();
  }
}

async function main(dirs) {
  if (dirs.length === 0) {
    console.error('usage: node tests/knex/migrate.js SERVICE_DIR...');
    return 2;
  }
  for (const d of dirs) {
    const dir = path.resolve(d);
    try {
      await migrate(dir);
    } catch (err) {
      console.error(`${path.basename(dir)}: migration failed: ${err && err.stack ? err.stack : err}`);
      return 1;
    }
  }
  return 0;
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
