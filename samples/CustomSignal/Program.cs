using System.Globalization;
using ExpansionScoring;
using ExpansionScoring.Extensions.DependencyInjection;
using ExpansionScoring.Offers;
using ExpansionScoring.Presets;
using ExpansionScoring.Signals;
using Microsoft.Extensions.DependencyInjection;

// 1. A user-defined signal: NPS. The scorer (NpsScorer, below) maps the account's "nps" metric from −100..100 onto
//    0..100 and reports the signal missing (with a reason) when there is no survey, instead of throwing.

// 2. A custom preset that gives NPS a fifth of the weight. Weights need not sum to 1; they are normalised.
var customerLed = WeightPreset.Create("CustomerLed", new Dictionary<string, double>
{
    ["PlanFit"] = 0.25, ["Velocity"] = 0.20, ["Engagement"] = 0.10, ["Champion"] = 0.15, ["Triggers"] = 0.10, ["Nps"] = 0.20,
});

// 3. Build the model with the scorer, the preset and an extra offer rule (PromoterAddOn, below). Without a
//    priority the rule goes just before the catch-all "Fallback" rule, after the six SPEC rules.
var model = new ScoringModelBuilder()
    .AddSignalScorer(new NpsScorer())
    .UsePreset(customerLed)
    .AddOfferRule(new PromoterAddOn())
    .Build();

// 4. Score three accounts that supply NPS as a metric, and show what NPS contributed.
var asOf = new DateOnly(2026, 11, 23);
Account[] accounts =
[
    new()
    {
        Id = "orbit", Name = "Orbit Health", Plan = "Growth", Arr = 120_000,
        Signals = SignalValues.Of(planFit: 62, velocity: 64, engagement: 66, champion: 78, triggers: 30),
        Metrics = new Dictionary<string, double> { ["nps"] = 72 },
    },
    new()
    {
        Id = "quill", Name = "Quill Legal", Plan = "Pro", Arr = 80_000,
        Signals = SignalValues.Of(planFit: 50, velocity: 45, engagement: 40, champion: 40, triggers: 10),
        Metrics = new Dictionary<string, double> { ["nps"] = -30 },
    },
    new()
    {
        Id = "zenith", Name = "Zenith Freight", Plan = "Starter", Arr = 30_000,
        Signals = SignalValues.Of(planFit: 70, velocity: 70, engagement: 60, champion: 60, triggers: 20),
    },
];

foreach (var account in accounts)
{
    var result = model.Explain(account, asOf);
    var nps = result.Signals.Single(s => s.Signal == NpsScorer.Nps.Name);
    string npsText = nps.Value is { } v
        ? string.Create(CultureInfo.InvariantCulture, $"NPS signal {v:0} adds {nps.Contribution:0.0} points")
        : $"NPS missing ({nps.MissingReason}), weights renormalised";
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{result.Name,-15} p={result.Probability,5:0.0}  {result.Band,-5}  {result.OfferLabel,-24} ${result.Opportunity,8:#,0}  {npsText}"));
    Console.WriteLine($"{"",15} {result.OfferRule}: {result.Rationale}");
}

// 5. The same model through dependency injection, as a host would register it.
var services = new ServiceCollection();
services.AddExpansionScoring(o => o.Preset = customerLed.Name)
    .AddPreset(customerLed)
    .AddSignalScorer<NpsScorer>()
    .AddOfferRule<PromoterAddOn>();
using var provider = services.BuildServiceProvider();
var scorer = provider.GetRequiredService<IExpansionScorer>();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Through DI: {accounts[0].Name} p={scorer.Score(accounts[0], asOf).Probability:0.0}, same as above."));

/// <summary>NPS from the account's <c>nps</c> metric (−100..100), mapped onto 0..100.</summary>
internal sealed class NpsScorer : ISignalScorer
{
    public static readonly SignalKey Nps = SignalKey.Of("Nps");

    public SignalKey Key => Nps;

    public SignalReading Score(in SignalScorerArguments arguments)
        => arguments.Account.TryGetMetric("nps", out double nps)
            ? SignalReading.Of(Math.Clamp((nps + 100) / 2, 0, 100))
            : SignalReading.Missing("no NPS survey answered");
}

/// <summary>Promoters (NPS signal ≥ 80, i.e. NPS ≥ 60) with a strong champion get a referral-led add-on pitch.</summary>
internal sealed class PromoterAddOn : IOfferRule
{
    public string Name => "PromoterAddOn";

    public OfferKind Offer => OfferKind.AddOn;

    public bool Matches(in OfferRuleArguments arguments)
        => arguments.Signal(NpsScorer.Nps) >= 80 && arguments.Signal(SignalKey.Champion) >= 70;

    public string Explain(in OfferRuleArguments arguments)
        => string.Create(CultureInfo.InvariantCulture,
            $"Promoter account (NPS signal {arguments.Signal(NpsScorer.Nps):0}/100) with champion {arguments.Signal(SignalKey.Champion):0}/100 — referral-led add-on");
}
