// The baseline: a bare Express 5 app serving one fixed page of about the home page's size.
import express from 'express';

const port = Number(process.env.PORT ?? 3100);
const bytes = Number(process.env.BODY_BYTES ?? 8000);

const head =
  '<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="utf-8"><title>Home</title></head><body><main><h1>Home</h1>';
const tail = '</main></body></html>\n';
const filler = '<p>Bare Express baseline.</p>\n';
const html = head + filler.repeat(Math.max(0, Math.ceil((bytes - head.length - tail.length) / filler.length))) + tail;

const app = express();
app.get('/', (_req, res) => {
  res.type('html').send(html);
});
const server = app.listen(port, '127.0.0.1');

process.on('SIGTERM', () => server.close(() => process.exit(0)));
