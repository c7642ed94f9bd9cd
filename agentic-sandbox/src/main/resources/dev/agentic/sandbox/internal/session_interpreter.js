'use strict';
// The interpreter of a JavaScript or TypeScript session of LocalSandbox. session_driver.py (the supervisor, the
// trusted half that speaks to the host) starts it as its child instead of forking a Python interpreter:
//
//   node session_interpreter.js javascript|typescript
//   fd 3: run requests from the supervisor (frame: 1 byte 'R', 4 bytes big-endian length, JSON {code, timeoutMs})
//   fd 4: one JSON line per event to the supervisor: {"ready": true} once, then one result per run
//   fd 1, fd 2: the program's stdout and stderr, pipes only the supervisor reads
//
// Every snippet is evaluated in this process's one global context through the in-process inspector's
// Runtime.evaluate in REPL mode, the mode a browser console uses: top-level let/const/class declarations persist
// from run to run (and may be declared again, as in a console), top-level await works, and the completion value
// of the snippet is the run's value (util.inspect). The evaluation's own timeout stops synchronous code at the
// run's wall time and the context survives it; a SIGINT from the supervisor ends a run that is waiting on a
// promise. Code stuck in a callback outside the evaluation (a timer spinning forever) cannot be stopped here:
// the host kills the session after its grace period. TypeScript is first stripped of its types by this node's
// own module.stripTypeScriptTypes (positions are kept, so stack frames point at the snippet's lines).
//
// What the program can reach: it runs in this process, with this process's uid, so it can write to fds 3 and 4
// (require('fs')), read or close them, and replace anything this script installed on the global object or on
// process. Doing so only spoils its own session: the supervisor accepts one result per run it started, never
// parses what the program prints, and cannot be opened through /proc (it is not dumpable). Nothing it learns
// here belongs to another session or run of another session.
const fs = require('fs');
const net = require('net');
const util = require('util');
const inspector = require('inspector');
const nodeModule = require('module');

const CMD = 3;
const RES = 4;
const LANGUAGE = process.argv[2] || 'javascript';
const WORK = process.cwd();
const MAX_VALUE = 65536;

function report(obj) {
    fs.writeSync(RES, JSON.stringify(obj) + '\n');
}

function stripper() {
    if (LANGUAGE !== 'typescript') {
        return null;
    }
    if (typeof nodeModule.stripTypeScriptTypes !== 'function') {
        report({
            error: 'this Node.js (' + process.version + ') has no module.stripTypeScriptTypes, which TypeScript '
                + 'sessions need (Node.js 22.13, 23.2 or later); use a newer Node.js or a JavaScript session',
        });
        process.exit(0);
    }
    // the first call warns that the feature is experimental: keep that out of the program's stderr
    const emit = process.emitWarning;
    process.emitWarning = () => {};
    try {
        nodeModule.stripTypeScriptTypes('let a: number = 1', {mode: 'strip'});
    } finally {
        process.emitWarning = emit;
    }
    return (code) => nodeModule.stripTypeScriptTypes(code, {mode: 'strip'});
}

const strip = stripper();
const session = new inspector.Session();
session.connect();

function post(method, params) {
    return new Promise((resolve, reject) => {
        session.post(method, params, (err, result) => (err ? reject(err) : resolve(result)));
    });
}

// A handle on an object of this script inside the inspector, to turn a remote result back into the value.
const taken = {value: undefined};
let helperId = null;

async function take(remote) {
    let arg = {};
    if (remote.objectId !== undefined) {
        arg = {objectId: remote.objectId};
    } else if (remote.unserializableValue !== undefined) {
        arg = {unserializableValue: remote.unserializableValue};
    } else if ('value' in remote) {
        arg = {value: remote.value};
    }
    taken.value = undefined;
    await post('Runtime.callFunctionOn', {
        objectId: helperId,
        functionDeclaration: 'function (v) { this.take(v); }',
        arguments: [arg],
    });
    return taken.value;
}

// Frames below the snippet belong to this script and to the inspector: the program's error shows its own lines.
function cleanStack(stack) {
    const lines = String(stack).split('\n');
    const keep = [];
    for (const line of lines) {
        if (/^\s+at /.test(line) && (line.includes(__filename) || line.includes('node:inspector'))) {
            break;
        }
        keep.push(line);
    }
    return keep.join('\n');
}

function describeError(error, details, name) {
    let text;
    if (error instanceof Error || (error && typeof error === 'object' && typeof error.stack === 'string')) {
        text = cleanStack(error.stack);
        if (!text.includes(name) && details && typeof details.lineNumber === 'number' && error.name === 'SyntaxError') {
            text += '\n    at ' + name + ':' + (details.lineNumber + 1) + ':' + (details.columnNumber + 1);
        }
    } else {
        text = 'Uncaught ' + util.inspect(error);
    }
    return text;
}

function writeErr(text) {
    try {
        fs.writeSync(2, text.endsWith('\n') ? text : text + '\n');
    } catch (e) {
        // the program closed its stderr
    }
}

let count = 0;
let current = null;

// Starts one run; the promise settles when the run has reported its result (also when it was interrupted
// while its evaluation still waits, which then never reports).
function run(req) {
    const token = {done: false};
    const finished = new Promise((resolve) => {
        token.finish = (reply) => {
            if (!token.done) {
                token.done = true;
                current = null;
                report(reply);
                resolve();
            }
        };
    });
    current = token;
    evaluate(req, token).catch((e) => {
        writeErr('Error: the session interpreter failed: ' + (e && e.message));
        token.finish({status: 'error'});
    });
    return finished;
}

async function evaluate(req, token) {
    const n = ++count;
    const name = '<run-' + n + '>';
    const finish = token.finish;
    let code = String(req.code);
    if (strip) {
        try {
            code = strip(code);
        } catch (e) {
            writeErr((e && e.message ? e.message : String(e)) + '\n    at ' + name);
            finish({status: 'error'});
            return;
        }
    }
    const timeout = Number(req.timeoutMs) > 0 ? Math.ceil(Number(req.timeoutMs)) : undefined;
    const started = Date.now();
    let r;
    try {
        r = await post('Runtime.evaluate', {
            expression: code + '\n//# sourceURL=' + name,
            replMode: true,
            awaitPromise: true,
            objectGroup: 'run',
            timeout,
        });
    } catch (e) {
        if (token.done) {
            return;
        }
        if (timeout !== undefined && Date.now() - started >= timeout * 0.9) {
            writeErr('Error: run ' + n + ' was stopped at its wall time of ' + timeout + ' ms');
            finish({status: 'timeout'});
        } else {
            writeErr('Error: the snippet could not be evaluated: ' + e.message);
            finish({status: 'error'});
        }
        return;
    }
    if (token.done) {
        // interrupted while it waited; its late result is dropped
        post('Runtime.releaseObjectGroup', {objectGroup: 'run'}).catch(() => {});
        return;
    }
    try {
        if (r.exceptionDetails) {
            const error = await take(r.exceptionDetails.exception || r.result);
            writeErr(describeError(error, r.exceptionDetails, name));
            finish({status: 'error'});
            return;
        }
        const reply = {status: 'ok'};
        if (r.result.type !== 'undefined') {
            const value = await take(r.result);
            let text;
            try {
                text = util.inspect(value);
            } catch (e) {
                text = '<inspect failed: ' + (e && e.name) + '>';
            }
            reply.value = text.slice(0, MAX_VALUE);
        }
        finish(reply);
    } finally {
        post('Runtime.releaseObjectGroup', {objectGroup: 'run'}).catch(() => {});
    }
}

// Errors thrown by callbacks of earlier or current runs are reported on stderr, as a REPL does, and the session
// goes on.
process.on('uncaughtException', (e) => writeErr('Uncaught ' + describeError(e, null, '')));
process.on('unhandledRejection', (e) => writeErr('Unhandled rejection: ' + describeError(e, null, '')));
process.on('SIGINT', () => {
    if (current !== null) {
        writeErr('Interrupted: the run was stopped while it waited');
        current.finish({status: 'interrupted'});
    }
});

function readCommands() {
    const input = new net.Socket({fd: CMD, readable: true, writable: false});
    let buf = Buffer.alloc(0);
    let queue = Promise.resolve();
    input.on('data', (chunk) => {
        buf = Buffer.concat([buf, chunk]);
        while (buf.length >= 5) {
            const len = buf.readUInt32BE(1);
            if (buf.length < 5 + len) {
                break;
            }
            const payload = buf.subarray(5, 5 + len).toString('utf8');
            buf = buf.subarray(5 + len);
            const req = JSON.parse(payload);
            queue = queue.then(() => run(req));
        }
    });
    input.on('end', () => process.exit(0));
    input.on('error', () => process.exit(0));
}

async function main() {
    const helper = {take(v) { taken.value = v; }};
    const key = '__agenticSessionHelper' + process.pid;
    globalThis[key] = helper;
    try {
        const r = await post('Runtime.evaluate', {expression: 'globalThis.' + key, objectGroup: 'agentic'});
        helperId = r.result.objectId;
    } finally {
        delete globalThis[key];
    }
    // what a REPL offers the program: require relative to the working directory, module and exports
    const m = new nodeModule(WORK + '/[session]', null);
    m.filename = WORK + '/[session]';
    m.paths = nodeModule._nodeModulePaths(WORK);
    globalThis.module = m;
    globalThis.exports = m.exports;
    globalThis.require = nodeModule.createRequire(WORK + '/[session]');
    readCommands();
    report({ready: true});
}

main().catch((e) => {
    report({error: 'the session interpreter could not start: ' + (e && e.message)});
    process.exit(1);
});
