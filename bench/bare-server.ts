// The baseline: a bare Express 5 app sending a fixed HTML page of exactly the size it is told,
// `GET /bytes/8761` giving 8,761 bytes, so each of the service's pages has a baseline of its size.
import express from 'express';

const port = Number(process.env.PORT ?? 3100);
const head =
  '<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="utf-8"><title>Page</title></head><body><main><h1>Page</h1>';
const tail = '</main></body></html>\n';
const filler = '<p>Bare Express baseline.</p>\n';
const pages = new Map<number, string>();

/** A page of exactly `bytes` bytes (all ASCII), made once and kept. */
function page(bytes: number): string {
  let html = pages.get(bytes);
  if (html === undefined) {
    const room = Math.max(0, bytes - head.length - tail.length);
    html = head + filler.repeat(Math.ceil(room / filler.length)).slice(0, room) + tail;
    pages.set(bytes, html);
  }
  return html;
}

const app = express();
app.get('/bytes/:bytes', (req, res) => {
  const bytes = Number(req.params.bytes);
  if (!Number.isInteger(bytes) || bytes < 0 || bytes > 10_000_000) return void res.status(400).send('Bad size');
  res.type('html').send(page(bytes));
});
const server = app.listen(port, '127.0.0.1');

process.on('SIGTERM', () => server.close(() => process.exit(0)));
