using System.Globalization;
using ExpansionScoring;
using ExpansionScoring.Columnar;
using ExpansionScoring.Signals;

// 1. Build a model once. ScoringModel.Default has every SPEC default (MidMarketBalanced weights,
//    probability = 5 + 0.9 × composite, Hot/Warm/Watch/Cold, the six offer rules, windows and gates).
//    Models are immutable and thread-safe: share one across your whole app.
var model = ScoringModel.Default;

// 2. Describe accounts. Signals can be given directly (0..100, as the reference calculator takes them)
//    or derived from raw telemetry by the default scorers.
var asOf = new DateOnly(2026, 11, 23);
Account[] accounts =
[
    new()
    {
        Id = "acme", Name = "Acme Corp", Segment = Segment.MidMarket, Plan = "Pro", Arr = 180_000,
        SeatsPurchased = 100, SeatsActive = 92,
        Signals = SignalValues.Of(planFit: 92, velocity: 90, engagement: 78, champion: 85, triggers: 65),
    },
    new()
    {
        Id = "helix", Name = "Helix BioTech", Segment = Segment.Enterprise, Plan = "Pro", Arr = 60_000,
        DaysToRenewal = 200,
        Signals = SignalValues.Of(planFit: 55, velocity: 50, engagement: 40, champion: 45, triggers: 30),
    },
    new()
    {
        Id = "nimbus", Name = "Nimbus Labs", Segment = Segment.SMB, Plan = "Growth", Arr = 24_000,
        SeatsPurchased = 20, SeatsActive = 19, HealthScore = 82, OpenP1P2Tickets = 0,
        Telemetry = new AccountTelemetry
        {
            UsageTrendPercent = 24, FeaturesUsed = 14, FeaturesAvailable = 20, ActiveDepartments = 2,
            ChampionLevel = ChampionLevel.Director, ExecSponsor = true, ChampionLastTouchDays = 12,
            TriggerEvents = [new(TriggerEventKind.HiringSpree, asOf.AddDays(-10))],
        },
    },
];

// 3. Score them: the compact result allocates nothing; Explain adds label, rationale and per-signal contributions.
foreach (var account in accounts)
{
    ScoredAccount result = model.Explain(account, asOf);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{result.Name,-14} p={result.Probability,5:0.0}  {result.Band,-5}  {result.OfferLabel,-26} ${result.Opportunity,9:#,0}  {result.EffectiveWindow}"));
    Console.WriteLine($"{"",14} {result.Rationale}");
}

// 4. Score a batch into a span you own: no allocation per account.
var results = new AccountScore[accounts.Length];
model.Score(accounts, asOf, results);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Pipeline: ${results.Sum(r => r.Opportunity):#,0} across {results.Length} accounts"));

// 5. A book of millions: the same accounts as columns, scored in one branch-free pass with per-band sums.
var buffer = new AccountColumnBuffer();
foreach (var account in accounts)
{
    buffer.Add(account, asOf, model);
}

var outcomes = new ScoreOutcome[buffer.Count];
BatchSummary summary = model.ScoreBatch(buffer.Columns, asOf, new ScoreColumns { Outcome = outcomes });
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Columnar ({summary.Path}): ${summary.Opportunity:#,0} across {summary.Count} accounts; Hot {summary.ByBand[0].Count}, first offer {outcomes[0].Offer}"));
