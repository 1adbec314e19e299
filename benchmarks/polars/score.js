// The tool's rules with default options (SPEC §3-§8, as of 2026-11-23) in Polars' expression API, for the peer
// benchmark (benchmarks/README.md): `score` writes the 15 columns of `expansion-score score --compact`, `portfolio`
// the totals and the per-band and per-window sums of `expansion-score portfolio --format json`.
// Install once with `npm install` in this folder (nodejs-polars 0.25.2); run as `node score.js BOOK.csv OUT [score|portfolio]`.
const started = process.hrtime.bigint();
const pl = require('nodejs-polars');
const [book, out, task = 'score'] = process.argv.slice(2);
const asOf = Date.UTC(2026, 10, 23) / 86400000;          // 2026-11-23 as days since 1970-01-01
const tenureCut = Date.UTC(2026, 4, 23) / 86400000;      // as of minus six months: a contract started after it is under six months old
const eps = 1e-9, c = pl.col, lit = pl.lit, when = pl.when;
const df = pl.readCSV(book, { dtypes: {
  account_id: pl.Utf8, name: pl.Utf8, segment: pl.Utf8, plan: pl.Utf8, arr: pl.Float64, plan_fit: pl.Float64,
  velocity: pl.Float64, engagement: pl.Float64, champion: pl.Float64, triggers: pl.Float64, seats_purchased: pl.Int32,
  seats_active: pl.Int32, renewal_date: pl.Date, health_score: pl.Float64, open_p1_p2_tickets: pl.Int32,
  contract_start_date: pl.Date } });
const sig = [['plan_fit', 0.30], ['velocity', 0.25], ['engagement', 0.15], ['champion', 0.20], ['triggers', 0.10]];
const sum = xs => xs.reduce((a, b) => a.add(b));
let s = df.lazy().withColumns(
  c('segment').fillNull(lit('MidMarket')).alias('seg'),
  when(c('seats_purchased').gt(0)).then(c('seats_active').cast(pl.Float64).div(c('seats_purchased'))).otherwise(lit(null)).alias('sat'),
  c('renewal_date').cast(pl.Int32).sub(lit(asOf)).alias('days'),
  sum(sig.map(([n, w]) => c(n).mul(w).fillNull(0))).alias('points'),
  sum(sig.map(([n, w]) => when(c(n).isNull()).then(lit(0)).otherwise(lit(w)))).alias('weight'),
  sum(sig.map(([n]) => c(n).isNull().cast(pl.Int32))).alias('missing_signals'),
  c('health_score').lt(60).fillNull(false).alias('hb'),
  c('open_p1_p2_tickets').gt(0).fillNull(false).alias('tb'),
  c('contract_start_date').cast(pl.Int32).gt(lit(tenureCut)).fillNull(false).alias('nb'),
).withColumns(
  when(c('weight').gt(0)).then(c('points').div(c('weight')).clip(0, 100)).otherwise(lit(0)).alias('composite'),
  c('hb').or(c('tb')).or(c('nb')).alias('gated'),
).withColumns(c('composite').mul(0.9).add(5).clip(5, 95).alias('probability'))
.withColumns(
  when(c('probability').gtEq(75 - eps)).then(lit('Hot')).when(c('probability').gtEq(50 - eps)).then(lit('Warm'))
    .when(c('probability').gtEq(25 - eps)).then(lit('Watch')).otherwise(lit('Cold')).alias('band'),
  when(c('gated')).then(lit(''))
    .when(c('seg').eq(lit('Enterprise')).and(c('triggers').gtEq(70 - eps))).then(lit('EnterpriseTriggers'))
    .when(c('sat').gtEq(0.85 - eps).and(c('velocity').gtEq(60 - eps))).then(lit('SeatCapacity'))
    .when(c('velocity').gtEq(75 - eps).and(c('engagement').gtEq(70 - eps))).then(lit('TierReady'))
    .when(c('champion').gtEq(80 - eps).and(c('days').ltEq(90))).then(lit('MultiYearLock'))
    .when(c('probability').lt(40 - eps)).then(lit('LowProbability')).otherwise(lit('Fallback')).alias('offer_rule'),
).withColumns(
  when(c('offer_rule').eq(lit('EnterpriseTriggers'))).then(lit('AddOn')).when(c('offer_rule').eq(lit('SeatCapacity'))).then(lit('Seats'))
    .when(c('offer_rule').eq(lit('TierReady')).or(c('offer_rule').eq(lit('Fallback')))).then(lit('Tier'))
    .when(c('offer_rule').eq(lit('MultiYearLock'))).then(lit('MultiYear')).otherwise(lit('Nurture')).alias('offer'),
  c('probability').div(100).mul(c('arr')).mul(
    when(c('offer_rule').eq(lit('EnterpriseTriggers'))).then(lit(0.18)).when(c('offer_rule').eq(lit('SeatCapacity'))).then(lit(0.20))
    .when(c('offer_rule').eq(lit('TierReady')).or(c('offer_rule').eq(lit('Fallback')))).then(lit(0.45))
    .when(c('offer_rule').eq(lit('MultiYearLock'))).then(lit(0.10)).otherwise(lit(0))).alias('opportunity'),
  when(c('gated')).then(lit('Nurture')).when(c('band').eq(lit('Hot')).and(c('triggers').gtEq(60 - eps))).then(lit('Now'))
    .when(c('band').eq(lit('Hot')).or(c('band').eq(lit('Warm'))).or(c('band').eq(lit('Watch')).and(c('days').ltEq(60)))).then(lit('Next30Days'))
    .when(c('band').eq(lit('Watch'))).then(lit('Next60Days')).otherwise(lit('Nurture')).alias('window'),
  when(c('missing_signals').eq(0)).then(lit('High')).when(c('missing_signals').ltEq(2)).then(lit('Medium')).otherwise(lit('Low')).alias('confidence'),
  pl.concatString([when(c('hb')).then(lit('Health')).otherwise(lit(null)), when(c('tb')).then(lit('SupportTickets')).otherwise(lit(null)), when(c('nb')).then(lit('Tenure')).otherwise(lit(null))], ';').alias('gates_blocked'),
  pl.concatString([when(c('health_score').isNull()).then(lit('Health')).otherwise(lit(null)), when(c('open_p1_p2_tickets').isNull()).then(lit('SupportTickets')).otherwise(lit(null)), when(c('contract_start_date').isNull()).then(lit('Tenure')).otherwise(lit(null))], ';').alias('gates_not_evaluated'),
);
if (task === 'score') {
  s.select('account_id', c('seg').alias('segment'), 'arr', 'composite', 'probability', 'band', 'offer', 'offer_rule', 'opportunity',
           'window', 'confidence', 'gated', 'gates_blocked', 'gates_not_evaluated', 'missing_signals').collectSync().writeCSV(out);
} else {
  const d = s.collectSync();
  const buckets = key => Object.fromEntries(d.groupBy(key).agg(c('arr').count().alias('count'), c('arr').sum().alias('arr'), c('opportunity').sum().alias('opportunity'))
    .toRecords().map(r => [r[key], { count: r.count, arr: r.arr, opportunity: r.opportunity }]));
  const top = d.filter(c('opportunity').gt(0)).sort({ by: 'opportunity', descending: true, maintainOrder: true }).head(10);
  require('fs').writeFileSync(out, JSON.stringify({
    accountCount: d.height, totalArr: d.getColumn('arr').sum(), pipeline: d.getColumn('opportunity').sum(),
    bands: buckets('band'), windows: buckets('window'),
    topOffers: top.getColumn('account_id').toArray().map(id => ({ accountId: id })),
  }));
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(`polars ${task} in ${seconds.toFixed(3)} s, peak memory ${Math.round(process.resourceUsage().maxRSS / 1000)} MB`);
