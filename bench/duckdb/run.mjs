#!/usr/bin/env node
// DuckDB benchmark peer for ANTQ.
//
// Runs the same load statements and queries as the ANTQ benchmark inside
// DuckDB (through @duckdb/node-api) and prints one JSON object with the
// timings, so that both engines can be compared on the same data.
//
// Usage: node bench/duckdb/run.mjs SPEC.json   (see --help)

import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DuckDBInstance, DuckDBDecimalValue } from '@duckdb/node-api';

const USAGE = `Usage: node bench/duckdb/run.mjs SPEC.json
       node bench/duckdb/run.mjs --help

Runs a benchmark spec in DuckDB and prints one JSON object to stdout.

SPEC.json:
  {
    "threads": 2,                        DuckDB worker threads (instance option)
    "runs": 3,                           timed runs per query (median reported)
    "database": "/tmp/x/peer.duckdb",    database file; deleted first if present
    "load": ["CREATE TABLE v AS ...", ...],
    "queries": [{"name": "Q1", "sql": "SELECT ..."}, ...]
  }

Steps:
  1. delete "database" (and its .wal), create it with "threads" threads;
  2. run the "load" statements in order, timed together (load_seconds);
  3. CHECKPOINT (timed separately: checkpoint_seconds), then stat the file
     (file_bytes);
  4. for each query: one untimed warm-up run, then "runs" timed runs; a
     timed run is executing the query and fetching every result chunk into
     the Node process (no per-value conversion). "seconds" is the median.
     "rows" and "total" come from the last timed run; "total" is the sum of
     the LAST column over all rows as a JS number (NULLs skipped; BIGINT,
     HUGEINT and DECIMAL are summed exactly before the final conversion).

Output (stdout, one line):
  {"duckdb_version": "v1.x.y", "threads": 2, "runs": 3,
   "load_seconds": 7.1, "checkpoint_seconds": 0.4, "file_bytes": 123,
   "queries": {"Q1": {"seconds": 0.17, "total": 12345, "rows": 630}, ...}}

On any failure a message naming the failing statement or query is printed to
stderr and the exit status is 1.

Install once with: npm ci --prefix bench/duckdb
`;

class PeerError extends Error {}

function fail(message) {
  throw new PeerError(message);
}

function shortSql(sql) {
  const oneLine = sql.replace(/\s+/g, ' ').trim();
  return oneLine.length > 160 ? `${oneLine.slice(0, 157)}...` : oneLine;
}

function errorText(err) {
  return err && err.message ? err.message : String(err);
}

function readSpec(specPath) {
  let text;
  try {
    text = fs.readFileSync(specPath, 'utf8');
  } catch (err) {
    fail(`cannot read spec ${specPath}: ${errorText(err)}`);
  }
  let spec;
  try {
    spec = JSON.parse(text);
  } catch (err) {
    fail(`spec ${specPath} is not valid JSON: ${errorText(err)}`);
  }
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
    fail(`spec ${specPath}: top level must be an object`);
  }
  const { threads, runs, database, load, queries } = spec;
  if (!Number.isInteger(threads) || threads < 1) {
    fail(`spec ${specPath}: "threads" must be a positive integer`);
  }
  if (!Number.isInteger(runs) || runs < 1) {
    fail(`spec ${specPath}: "runs" must be a positive integer`);
  }
  if (typeof database !== 'string' || database === '' || database === ':memory:') {
    fail(`spec ${specPath}: "database" must be a file path`);
  }
  if (!Array.isArray(load) || !load.every((s) => typeof s === 'string')) {
    fail(`spec ${specPath}: "load" must be an array of SQL strings`);
  }
  if (!Array.isArray(queries)) {
    fail(`spec ${specPath}: "queries" must be an array`);
  }
  const names = new Set();
  queries.forEach((q, i) => {
    if (q === null || typeof q !== 'object' || typeof q.name !== 'string' || q.name === '' ||
        typeof q.sql !== 'string') {
      fail(`spec ${specPath}: queries[${i}] must be {"name": string, "sql": string}`);
    }
    if (names.has(q.name)) {
      fail(`spec ${specPath}: duplicate query name ${JSON.stringify(q.name)}`);
    }
    names.add(q.name);
  });
  return { threads, runs, database: path.resolve(database), load, queries };
}

function removeIfExists(file) {
  try {
    fs.rmSync(file, { force: true });
  } catch (err) {
    fail(`cannot delete ${file}: ${errorText(err)}`);
  }
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

// Sums one column of a DuckDBResultReader. Integers that arrive as bigint
// (BIGINT, HUGEINT, UBIGINT, ...) and DECIMALs (scaled bigint) are summed
// exactly in BigInt; plain JS numbers (INTEGER, DOUBLE, ...) with Neumaier
// compensated summation. Only the final result is converted to Number.
function sumColumn(reader, columnIndex, label) {
  const rowCount = reader.currentRowCount;
  let bigSum = 0n;
  const decimalSums = new Map(); // scale -> scaled bigint sum
  let numSum = 0;
  let numComp = 0;
  for (let row = 0; row < rowCount; row++) {
    const v = reader.value(columnIndex, row);
    if (v === null) continue;
    switch (typeof v) {
      case 'number': {
        const t = numSum + v;
        if (Math.abs(numSum) >= Math.abs(v)) numComp += (numSum - t) + v;
        else numComp += (v - t) + numSum;
        numSum = t;
        break;
      }
      case 'bigint':
        bigSum += v;
        break;
      case 'boolean':
        if (v) bigSum += 1n;
        break;
      default:
        if (v instanceof DuckDBDecimalValue) {
          decimalSums.set(v.scale, (decimalSums.get(v.scale) ?? 0n) + v.value);
        } else {
          fail(`query ${label}: cannot sum last column "${reader.columnName(columnIndex)}" ` +
               `of type ${reader.columnType(columnIndex).toString()}`);
        }
    }
  }
  let total = Number(bigSum) + (numSum + numComp);
  for (const [scale, scaled] of decimalSums) {
    const unit = 10n ** BigInt(scale);
    const whole = scaled / unit; // truncates toward zero
    const frac = scaled - whole * unit;
    total += Number(whole) + Number(frac) / Number(unit);
  }
  return total;
}

async function run(specPath) {
  const spec = readSpec(specPath);
  const out = { duckdb_version: null, threads: spec.threads, runs: spec.runs };

  fs.mkdirSync(path.dirname(spec.database), { recursive: true });
  removeIfExists(spec.database);
  removeIfExists(`${spec.database}.wal`);

  let instance;
  try {
    instance = await DuckDBInstance.create(spec.database, { threads: String(spec.threads) });
  } catch (err) {
    fail(`cannot create DuckDB database ${spec.database}: ${errorText(err)}`);
  }
  const connection = await instance.connect();
  try {
    const info = await connection.runAndReadAll(
      "SELECT version(), current_setting('threads')");
    out.duckdb_version = String(info.value(0, 0));
    const actualThreads = Number(info.value(1, 0));
    if (actualThreads !== spec.threads) {
      fail(`DuckDB reports threads=${actualThreads}, spec asked for ${spec.threads}`);
    }

    // Load.
    let t0 = performance.now();
    for (let i = 0; i < spec.load.length; i++) {
      const sql = spec.load[i];
      try {
        await connection.run(sql);
      } catch (err) {
        fail(`load statement ${i + 1} of ${spec.load.length} failed: ${shortSql(sql)}\n  ` +
             errorText(err));
      }
    }
    out.load_seconds = (performance.now() - t0) / 1000;

    t0 = performance.now();
    try {
      await connection.run('CHECKPOINT');
    } catch (err) {
      fail(`CHECKPOINT failed: ${errorText(err)}`);
    }
    out.checkpoint_seconds = (performance.now() - t0) / 1000;
    out.file_bytes = fs.statSync(spec.database).size;

    // Queries.
    out.queries = {};
    for (const q of spec.queries) {
      const label = JSON.stringify(q.name);
      const execute = async () => {
        try {
          // Executes the query and fetches every result chunk; values are
          // not converted to JS here, so the conversion cost is not timed.
          return await connection.runAndReadAll(q.sql);
        } catch (err) {
          fail(`query ${label} failed: ${shortSql(q.sql)}\n  ${errorText(err)}`);
        }
      };
      await execute(); // warm-up
      const times = [];
      let reader;
      for (let r = 0; r < spec.runs; r++) {
        reader = null; // let the previous result be collected
        const start = performance.now();
        reader = await execute();
        times.push((performance.now() - start) / 1000);
      }
      if (reader.columnCount < 1) {
        fail(`query ${label} returned no columns: ${shortSql(q.sql)}`);
      }
      out.queries[q.name] = {
        seconds: median(times),
        total: sumColumn(reader, reader.columnCount - 1, label),
        rows: reader.currentRowCount,
      };
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  return out;
}

async function main(argv) {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (argv.length !== 1) {
    process.stderr.write(USAGE);
    return 1;
  }
  try {
    const out = await run(argv[0]);
    process.stdout.write(`${JSON.stringify(out)}\n`);
    return 0;
  } catch (err) {
    if (err instanceof PeerError) {
      process.stderr.write(`duckdb peer: ${err.message}\n`);
    } else {
      process.stderr.write(`duckdb peer: unexpected error: ${err && err.stack ? err.stack : err}\n`);
    }
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
