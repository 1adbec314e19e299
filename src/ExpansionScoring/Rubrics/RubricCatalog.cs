using ExpansionScoring.Bands;
using ExpansionScoring.Offers;
using ExpansionScoring.Signals;
using ExpansionScoring.Windows;

namespace ExpansionScoring.Rubrics;

/// <summary>
/// The other scoring models in the sources (SPEC §10), ready-made. Each is plain data — an
/// <see cref="ExpansionScoringOptions"/> built from the same pieces you can use for your own rubric
/// (metric scorers, weights, an aggregation, bands read from the score) — so copy one and change it freely.
/// Rubrics read their inputs from <see cref="Account.Metrics"/>, under the metric names documented on each.
/// They classify readiness; they make no dollar offer (their offer rule list is empty, so every offer is Nurture).
/// </summary>
public static class RubricCatalog
{
    /// <summary>The name of the default five-signal expansion model.</summary>
    public const string Expansion = "Expansion";

    /// <summary>The name of the four-dimension model.</summary>
    public const string FourDimension = "FourDimension";

    /// <summary>The name of the readiness points model.</summary>
    public const string ReadinessPoints = "ReadinessPoints";

    /// <summary>The name of the PQL points model.</summary>
    public const string PqlPoints = "PqlPoints";

    /// <summary>The name of the health model.</summary>
    public const string Health = "Health";

    /// <summary>Gets every rubric's name.</summary>
    public static IReadOnlyList<string> Names { get; } = [Expansion, FourDimension, ReadinessPoints, PqlPoints, Health];

    /// <summary>Creates a fresh copy of a rubric's options by name (case-insensitive).</summary>
    /// <param name="name">One of <see cref="Names"/>.</param>
    /// <param name="options">The options, when the name is known.</param>
    /// <returns><see langword="true"/> when the name is known.</returns>
    public static bool TryCreate(string? name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ExpansionScoringOptions? options)
    {
        options = name?.ToUpperInvariant() switch
        {
            "EXPANSION" => new ExpansionScoringOptions(),
            "FOURDIMENSION" => CreateFourDimension(),
            "READINESSPOINTS" => CreateReadinessPoints(),
            "PQLPOINTS" => CreatePqlPoints(),
            "HEALTH" => CreateHealth(),
            _ => null,
        };
        return options is not null;
    }

    /// <summary>
    /// Four-dimension model: Usage 0.40, Health 0.25, Growth 0.20, Commercial 0.15; each dimension 0–10 (metrics
    /// <c>usage</c>, <c>health</c>, <c>growth</c>, <c>commercial</c>), composite × 10 → 0–100; tiers 75+ Expansion-ready,
    /// 50–74 Expansion-likely, 25–49 Expansion-potential, 0–24 Not ready; a health score below 60 means no outreach
    /// (the health gate, from <see cref="Account.HealthScore"/>).
    /// </summary>
    /// <returns>Fresh options.</returns>
    public static ExpansionScoringOptions CreateFourDimension()
    {
        string[] dims = ["Usage", "Health", "Growth", "Commercial"];
        return Rubric(
            scorers: [.. dims.Select(d => Linear(d, d.ToLowerInvariant(), 0, 10))],
            weights: new() { ["Usage"] = 0.40, ["Health"] = 0.25, ["Growth"] = 0.20, ["Commercial"] = 0.15 },
            bands: [("Expansion-ready", 75), ("Expansion-likely", 50), ("Expansion-potential", 25), ("Not ready", 0)],
            aggregation: AggregationKind.WeightedAverage,
            maxPoints: 100,
            next30: ["Expansion-ready", "Expansion-likely"],
            next60: ["Expansion-potential"]);
    }

    /// <summary>
    /// Readiness points model (0–100 points): health (metric <c>health_score</c>) &gt; 85 → 25, 70–85 → 15;
    /// feature adoption % (<c>feature_adoption_pct</c>) &gt; 75 → 20, 60–75 → 12; active users (<c>active_users</c>)
    /// &gt; 5 → 20, 3–5 → 12, &lt; 3 → 0; support (<c>support_status</c>: 2 = no open issue → 15, 1 = resolved in the
    /// last 30 days → 8, 0 = open issue → 0); months since contract (<c>months_since_contract</c>) &gt; 9 → 10, 6–9 → 6;
    /// usage trend (<c>usage_trend</c>: 1 growing → 10, 0 flat → 5, −1 falling → 0). Tiers: &gt; 70 Prioritise this
    /// quarter, 40–70 Monitor monthly, &lt; 40 Not ready (points are whole numbers, so &gt; 70 is read as ≥ 71).
    /// </summary>
    /// <returns>Fresh options.</returns>
    public static ExpansionScoringOptions CreateReadinessPoints() => Rubric(
        scorers:
        [
            Step("HealthPoints", "health_score", (85, 25, true), (70, 15, false)),
            Step("AdoptionPoints", "feature_adoption_pct", (75, 20, true), (60, 12, false)),
            Step("ActiveUserPoints", "active_users", (5, 20, true), (3, 12, false)),
            Step("SupportPoints", "support_status", (2, 15, false), (1, 8, false)),
            Step("TenurePoints", "months_since_contract", (9, 10, true), (6, 6, false)),
            Step("TrendPoints", "usage_trend", (1, 10, false), (0, 5, false)),
        ],
        weights: new() { ["HealthPoints"] = 1, ["AdoptionPoints"] = 1, ["ActiveUserPoints"] = 1, ["SupportPoints"] = 1, ["TenurePoints"] = 1, ["TrendPoints"] = 1 },
        bands: [("Prioritise this quarter", 71), ("Monitor monthly", 40), ("Not ready", 0)],
        aggregation: AggregationKind.PointsSum,
        maxPoints: 100,
        next30: ["Prioritise this quarter"],
        next60: ["Monitor monthly"]);

    /// <summary>
    /// PQL points model, 0–140: each component is supplied as its points (metrics <c>dau_mau</c> 0–20,
    /// <c>features_adopted</c> 0–15, <c>api_calls_vs_limit</c> 0–15, <c>entitlement_used</c> 0–20,
    /// <c>premium_attempts</c> 0–10, <c>team_invites</c> 0–10, <c>qbr_participation</c> 0–10, <c>health</c> 0–15,
    /// <c>last_login</c> 0–10, <c>contract_term_remaining</c> 0–10, <c>payment_history</c> 0–5), clamped to its maximum.
    /// Bands: 0–50 Not ready, 51–80 Warm, 81–100 Hot, 101+ Critical.
    /// </summary>
    /// <returns>Fresh options.</returns>
    public static ExpansionScoringOptions CreatePqlPoints()
    {
        (string Signal, string Metric, double Max)[] parts =
        [
            ("DauMau", "dau_mau", 20), ("FeaturesAdopted", "features_adopted", 15), ("ApiCalls", "api_calls_vs_limit", 15),
            ("Entitlement", "entitlement_used", 20), ("PremiumAttempts", "premium_attempts", 10), ("TeamInvites", "team_invites", 10),
            ("QbrParticipation", "qbr_participation", 10), ("HealthPoints", "health", 15), ("LastLogin", "last_login", 10),
            ("TermRemaining", "contract_term_remaining", 10), ("PaymentHistory", "payment_history", 5),
        ];
        return Rubric(
            scorers: [.. parts.Select(p => Linear(p.Signal, p.Metric, 0, p.Max, p.Max))],
            weights: parts.ToDictionary(p => p.Signal, _ => 1.0),
            bands: [("Critical", 101), ("Hot", 81), ("Warm", 51), ("Not ready", 0)],
            aggregation: AggregationKind.PointsSum,
            maxPoints: 140,
            next30: ["Critical", "Hot"],
            next60: ["Warm"]);
    }

    /// <summary>
    /// Health model: product usage 0.30, engagement trend 0.20, support 0.15, business outcomes 0.20,
    /// stakeholder sentiment 0.15, each 0–100 (metrics <c>product_usage</c>, <c>engagement_trend</c>, <c>support</c>,
    /// <c>business_outcomes</c>, <c>sentiment</c>); classes ≥ 80 Expansion ready, 60–79 Nurture, 40–59 At risk, &lt; 40 Churn risk.
    /// </summary>
    /// <returns>Fresh options.</returns>
    public static ExpansionScoringOptions CreateHealth() => Rubric(
        scorers:
        [
            Linear("ProductUsage", "product_usage", 0, 100),
            Linear("EngagementTrend", "engagement_trend", 0, 100),
            Linear("Support", "support", 0, 100),
            Linear("BusinessOutcomes", "business_outcomes", 0, 100),
            Linear("Sentiment", "sentiment", 0, 100),
        ],
        weights: new() { ["ProductUsage"] = 0.30, ["EngagementTrend"] = 0.20, ["Support"] = 0.15, ["BusinessOutcomes"] = 0.20, ["Sentiment"] = 0.15 },
        bands: [("Expansion ready", 80), ("Nurture", 60), ("At risk", 40), ("Churn risk", 0)],
        aggregation: AggregationKind.WeightedAverage,
        maxPoints: 100,
        next30: ["Expansion ready"],
        next60: ["Nurture"]);

    private static ExpansionScoringOptions Rubric(List<MetricScorerOptions> scorers, Dictionary<string, double> weights, (string Name, double Min)[] bands, AggregationKind aggregation, double maxPoints, List<string> next30, List<string> next60)
        => new()
        {
            Scorers = scorers,
            Weights = weights,
            Aggregation = aggregation,
            MaxPoints = maxPoints,
            BandBasis = BandBasis.Score,
            MissingSignals = MissingSignalPolicy.TreatAsZero,
            Bands = [.. bands.Select(b => new BandOptions { Name = b.Name, MinProbability = b.Min })],
            Offers = new OfferOptions { Rules = [] },
            // Rubrics have no Triggers signal, so nothing lands in Now; the top tiers are pitched within 30 days.
            Windows = new WindowOptions { NowBands = [], Next30Bands = next30, Next30RenewalBands = [], Next60Bands = next60 },
            Gates = new() { SupportTicketsEnabled = false, TenureEnabled = false },
        };

    private static MetricScorerOptions Linear(string signal, string metric, double inputMin, double inputMax, double outputMax = 100)
        => new() { Signal = signal, Metric = metric, Kind = MetricScorerKind.Linear, InputMin = inputMin, InputMax = inputMax, OutputMax = outputMax };

    private static MetricScorerOptions Step(string signal, string metric, params (double AtLeast, double Points, bool Exclusive)[] steps)
        => new()
        {
            Signal = signal,
            Metric = metric,
            Kind = MetricScorerKind.Step,
            Steps = [.. steps.Select(s => new ScoreStep { AtLeast = s.AtLeast, Points = s.Points, Exclusive = s.Exclusive })],
        };
}
