/**
 * The app `npm run flame` profiles: Express 5 with ten pass-through middlewares and 1,000
 * routes `/route<i>/:id`, routed by Express's own router or by Switchyard
 * (`switchyard(app)`), listening on 127.0.0.1 (0x finds the port and passes it to
 * autocannon). Requests go to the last route: the worst case for a router that scans.
 *
 *   node flamegraphs/app.mjs <express|switchyard> [routes]
 */
import express from 'express';
import { switchyard } from '@switchyard/express-adapter';

const [variant = 'express', countArg = '1000'] = process.argv.slice(2);
const count = Number(countArg);
if (variant !== 'express' && variant !== 'switchyard') throw new Error(`variant must be express or switchyard, not "${variant}"`);

const app = variant === 'switchyard' ? switchyard(express()) : express();
// A middleware chain, as real apps have (logging, auth, parsing): each calls next().
for (let i = 0; i < 10; i++) app.use((req, res, next) => next());
for (let i = 0; i < count; i++) {
  app.get(`/route${i}/:id`, (req, res) => res.end(`route${i}:${req.params.id}`));
}
const server = app.listen(0, '127.0.0.1', () => {
  console.log(`${variant}: ${count} routes on http://127.0.0.1:${server.address().port}`);
});
// 0x stops the process with SIGINT when autocannon is done; exit cleanly so it can write.
process.on('SIGINT', () => server.close(() => process.exit(0)));
