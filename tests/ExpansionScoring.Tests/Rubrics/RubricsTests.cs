using ExpansionScoring.Offers;
using ExpansionScoring.Rubrics;
using ExpansionScoring.Signals;
using ExpansionScoring.Windows;

namespace ExpansionScoring.Tests.Rubrics;

public class RubricsTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 23);

    private static ScoringModel Model(string name)
    {
        Assert.True(global::ExpansionScoring.Rubrics.RubricCatalog.TryCreate(name, out var options));
        return ScoringModel.Create(options);
    }

    private static Account WithMetrics(params (string Name, double Value)[] metrics)
        => new() { Id = "a", Arr = 100_000, Metrics = metrics.ToDictionary(m => m.Name, m => m.Value) };

    [Fact]
    public void FourDimension_HandComputed_ScoreTimesTenAndTier()
    {
        // 0.40×8 + 0.25×7 + 0.20×6 + 0.15×5 = 3.2 + 1.75 + 1.2 + 0.75 = 6.9 → 69 → Expansion-likely.
        var score = Model(global::ExpansionScoring.Rubrics.RubricCatalog.FourDimension).Score(WithMetrics(("usage", 8), ("health", 7), ("growth", 6), ("commercial", 5)), AsOf);
        Assert.Equal(69, score.RawScore, 9);
        Assert.Equal("Expansion-likely", score.Band.Name);
    }

    [Theory]
    [InlineData(7.5, "Expansion-ready")]
    [InlineData(7.4, "Expansion-likely")]
    [InlineData(2.5, "Expansion-potential")]
    [InlineData(2.4, "Not ready")]
    public void FourDimension_TierEdges(double allDims, string tier)
    {
        var score = Model(global::ExpansionScoring.Rubrics.RubricCatalog.FourDimension).Score(WithMetrics(("usage", allDims), ("health", allDims), ("growth", allDims), ("commercial", allDims)), AsOf);
        Assert.Equal(tier, score.Band.Name);
    }

    [Fact]
    public void FourDimension_HealthScoreBelow60_NoOutreach()
    {
        var account = WithMetrics(("usage", 9), ("health", 9), ("growth", 9), ("commercial", 9)) with { HealthScore = 59 };
        var score = Model(global::ExpansionScoring.Rubrics.RubricCatalog.FourDimension).Score(account, AsOf);
        Assert.Equal("Expansion-ready", score.Band.Name);
        Assert.True(score.IsGated);
        Assert.Equal(PitchWindow.Nurture, score.EffectiveWindow);
    }

    [Fact]
    public void ReadinessPoints_FullAndPartialPoints_HandComputed()
    {
        var model = Model(global::ExpansionScoring.Rubrics.RubricCatalog.ReadinessPoints);

        // 25 + 20 + 20 + 15 + 10 + 10 = 100
        var full = model.Score(WithMetrics(("health_score", 90), ("feature_adoption_pct", 80), ("active_users", 6), ("support_status", 2), ("months_since_contract", 12), ("usage_trend", 1)), AsOf);
        Assert.Equal(100, full.RawScore, 9);
        Assert.Equal("Prioritise this quarter", full.Band.Name);

        // Edges take the partial points: health 85 → 15, adoption 75 → 12, users 5 → 12, resolved → 8, 9 months → 6, flat → 5 = 58.
        var partial = model.Score(WithMetrics(("health_score", 85), ("feature_adoption_pct", 75), ("active_users", 5), ("support_status", 1), ("months_since_contract", 9), ("usage_trend", 0)), AsOf);
        Assert.Equal(58, partial.RawScore, 9);
        Assert.Equal("Monitor monthly", partial.Band.Name);

        // Below every step: health 69, adoption 59, users 2, open issue, 5 months, falling = 0.
        var none = model.Score(WithMetrics(("health_score", 69), ("feature_adoption_pct", 59), ("active_users", 2), ("support_status", 0), ("months_since_contract", 5), ("usage_trend", -1)), AsOf);
        Assert.Equal(0, none.RawScore, 9);
        Assert.Equal("Not ready", none.Band.Name);
    }

    [Theory]
    [InlineData(71, "Prioritise this quarter")]
    [InlineData(70, "Monitor monthly")]
    [InlineData(40, "Monitor monthly")]
    [InlineData(39, "Not ready")]
    public void ReadinessPoints_TierEdges(int points, string tier)
    {
        // Build the points from the parts: health 25/15, adoption 20/12, users 20/12, support 15/8, tenure 10/6, trend 10/5.
        var combos = from h in new[] { 0, 15, 25 }
                     from a in new[] { 0, 12, 20 }
                     from u in new[] { 0, 12, 20 }
                     from s in new[] { 0, 8, 15 }
                     from t in new[] { 0, 6, 10 }
                     from r in new[] { 0, 5, 10 }
                     where h + a + u + s + t + r == points
                     select (h, a, u, s, t, r);
        var (hp, ap, up, sp, tp, rp) = combos.First();
        var account = WithMetrics(
            ("health_score", hp == 25 ? 90 : hp == 15 ? 75 : 50),
            ("feature_adoption_pct", ap == 20 ? 80 : ap == 12 ? 65 : 10),
            ("active_users", up == 20 ? 8 : up == 12 ? 4 : 1),
            ("support_status", sp == 15 ? 2 : sp == 8 ? 1 : 0),
            ("months_since_contract", tp == 10 ? 12 : tp == 6 ? 7 : 2),
            ("usage_trend", rp == 10 ? 1 : rp == 5 ? 0 : -1));
        var score = Model(global::ExpansionScoring.Rubrics.RubricCatalog.ReadinessPoints).Score(account, AsOf);
        Assert.Equal(points, score.RawScore, 9);
        Assert.Equal(tier, score.Band.Name);
    }

    [Fact]
    public void PqlPoints_MaximumIs140AndBandsFollowPoints()
    {
        var model = Model(global::ExpansionScoring.Rubrics.RubricCatalog.PqlPoints);
        (string, double)[] max =
        [
            ("dau_mau", 20), ("features_adopted", 15), ("api_calls_vs_limit", 15), ("entitlement_used", 20), ("premium_attempts", 10),
            ("team_invites", 10), ("qbr_participation", 10), ("health", 15), ("last_login", 10), ("contract_term_remaining", 10), ("payment_history", 5),
        ];
        var top = model.Score(WithMetrics(max), AsOf);
        Assert.Equal(140, top.RawScore, 9);
        Assert.Equal(100, top.Composite, 9);
        Assert.Equal("Critical", top.Band.Name);

        // Over-the-top inputs are clamped to each component's maximum.
        var clamped = model.Score(WithMetrics([.. max.Select(m => (m.Item1, m.Item2 * 3))]), AsOf);
        Assert.Equal(140, clamped.RawScore, 9);
    }

    [Theory]
    [InlineData(50, "Not ready")]
    [InlineData(51, "Warm")]
    [InlineData(80, "Warm")]
    [InlineData(81, "Hot")]
    [InlineData(100, "Hot")]
    [InlineData(101, "Critical")]
    public void PqlPoints_BandEdges(double points, string band)
    {
        // Spread the points over dau_mau (max 20), entitlement (20), then the rest.
        (string Metric, double Max)[] parts =
        [
            ("dau_mau", 20), ("entitlement_used", 20), ("features_adopted", 15), ("api_calls_vs_limit", 15), ("health", 15),
            ("premium_attempts", 10), ("team_invites", 10), ("qbr_participation", 10), ("last_login", 10), ("contract_term_remaining", 10), ("payment_history", 5),
        ];
        var metrics = new List<(string, double)>();
        double left = points;
        foreach (var (metric, partMax) in parts)
        {
            double take = Math.Min(partMax, left);
            metrics.Add((metric, take));
            left -= take;
        }

        var score = Model(global::ExpansionScoring.Rubrics.RubricCatalog.PqlPoints).Score(WithMetrics([.. metrics]), AsOf);
        Assert.Equal(points, score.RawScore, 9);
        Assert.Equal(band, score.Band.Name);
    }

    [Theory]
    [InlineData(80, "Expansion ready")]
    [InlineData(79.9, "Nurture")]
    [InlineData(60, "Nurture")]
    [InlineData(59.9, "At risk")]
    [InlineData(40, "At risk")]
    [InlineData(39.9, "Churn risk")]
    public void Health_ClassEdges(double all, string band)
    {
        var score = Model(global::ExpansionScoring.Rubrics.RubricCatalog.Health).Score(WithMetrics(("product_usage", all), ("engagement_trend", all), ("support", all), ("business_outcomes", all), ("sentiment", all)), AsOf);
        Assert.Equal(band, score.Band.Name);
    }

    [Fact]
    public void Health_HandComputedWeights()
    {
        // 0.30×90 + 0.20×50 + 0.15×70 + 0.20×60 + 0.15×40 = 27 + 10 + 10.5 + 12 + 6 = 65.5
        var score = Model(global::ExpansionScoring.Rubrics.RubricCatalog.Health).Score(WithMetrics(("product_usage", 90), ("engagement_trend", 50), ("support", 70), ("business_outcomes", 60), ("sentiment", 40)), AsOf);
        Assert.Equal(65.5, score.RawScore, 9);
    }

    [Fact]
    public void Rubrics_MakeNoDollarOffer()
    {
        foreach (string name in global::ExpansionScoring.Rubrics.RubricCatalog.Names.Skip(1))
        {
            var score = Model(name).Score(WithMetrics(("usage", 10), ("health_score", 90)), AsOf);
            Assert.Equal(OfferKind.Nurture, score.Offer);
            Assert.Equal(0, score.Opportunity);
        }
    }

    [Fact]
    public void Rubrics_AreOrdinaryOptions_ThatRoundTripThroughValidation()
    {
        foreach (string name in global::ExpansionScoring.Rubrics.RubricCatalog.Names)
        {
            Assert.True(global::ExpansionScoring.Rubrics.RubricCatalog.TryCreate(name.ToLowerInvariant(), out var options));
            Assert.Empty(options.Validate());
        }

        Assert.False(global::ExpansionScoring.Rubrics.RubricCatalog.TryCreate("nope", out _));
    }
}

public class SignalFreshnessTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 23);

    [Fact]
    public void Score_SignalOlderThanMaxAge_IsMissingWithReason()
    {
        var model = ScoringModel.Create(new ExpansionScoringOptions { MaxSignalAgeDays = 90 });
        var signals = SignalValues.Of(80, 80, 80, 80).With(SignalKey.Triggers, 100, AsOf.AddDays(-91));
        var explained = model.Explain(new Account { Id = "a", Arr = 1, Signals = signals }, AsOf);
        var triggers = explained.Signals.Single(s => s.Signal == "Triggers");
        Assert.Null(triggers.Value);
        Assert.Equal("stale: observed 2026-08-24, 91 days before the as-of date (max 90)", triggers.MissingReason);
        Assert.Equal(80, explained.Composite, 9);
        Assert.Contains("Triggers", explained.MissingSignals);
    }

    [Fact]
    public void Score_SignalExactlyAtMaxAge_IsKept()
    {
        var model = ScoringModel.Create(new ExpansionScoringOptions { MaxSignalAgeDays = 90 });
        var signals = SignalValues.Empty.With(SignalKey.Velocity, 70, AsOf.AddDays(-90));
        Assert.Equal(70, model.Score(new Account { Id = "a", Arr = 1, Signals = signals }, AsOf).Composite, 9);
    }

    [Fact]
    public void Score_PerSignalMaxAge_OverridesTheDefault()
    {
        var model = ScoringModel.Create(new ExpansionScoringOptions { MaxSignalAgeDays = 365, SignalMaxAgeDays = { ["Champion"] = 30 } });
        var signals = SignalValues.Empty.With(SignalKey.Champion, 90, AsOf.AddDays(-31)).With(SignalKey.PlanFit, 50, AsOf.AddDays(-300));
        var score = model.Score(new Account { Id = "a", Arr = 1, Signals = signals }, AsOf);
        Assert.Equal(50, score.Composite, 9);
    }

    [Fact]
    public void Score_NoMaxAge_OldSignalsCount()
    {
        var signals = SignalValues.Empty.With(SignalKey.Champion, 90, AsOf.AddDays(-3000));
        Assert.Equal(90, ScoringModel.Default.Score(new Account { Id = "a", Arr = 1, Signals = signals }, AsOf).Composite, 9);
    }

    [Fact]
    public void Validate_NegativeAgeAndUnknownSignal_ListsBoth()
    {
        var errors = new ExpansionScoringOptions { MaxSignalAgeDays = -1, SignalMaxAgeDays = { ["Nope"] = 3 } }.Validate();
        Assert.Contains("MaxSignalAgeDays must be >= 0, was -1.", errors);
        Assert.Contains(errors, e => e.StartsWith("SignalMaxAgeDays:Nope is not a known signal", StringComparison.Ordinal));
    }

    [Fact]
    public void SignalValues_TryGetObservedOn_RoundTripsAndWithoutClearsIt()
    {
        var v = SignalValues.Empty.With(SignalKey.Velocity, 70, AsOf);
        Assert.True(v.TryGetObservedOn(SignalKey.Velocity, out var d));
        Assert.Equal(AsOf, d);
        Assert.False(v.Without(SignalKey.Velocity).TryGetObservedOn(SignalKey.Velocity, out _));
        Assert.False(v.With(SignalKey.Velocity, 60).TryGetObservedOn(SignalKey.Velocity, out _));
    }
}

public class MetricScorerTests
{
    [Fact]
    public void Step_ExclusiveAndInclusiveThresholds()
    {
        var scorer = new StepSignalScorer(SignalKey.Of("HealthPts"), "h", [(85, 25, true), (70, 15, false)]);
        double Read(double h) => scorer.Score(new SignalScorerArguments(new Account { Id = "a", Arr = 0, Metrics = new Dictionary<string, double> { ["h"] = h } }, default)).Value;
        Assert.Equal(25, Read(85.01));
        Assert.Equal(15, Read(85));
        Assert.Equal(15, Read(70));
        Assert.Equal(0, Read(69.99));
    }

    [Fact]
    public void Linear_MissingMetric_IsMissing()
    {
        var scorer = new LinearSignalScorer(SignalKey.Of("U"), "usage", 0, 10);
        var reading = scorer.Score(new SignalScorerArguments(new Account { Id = "a", Arr = 0 }, default));
        Assert.False(reading.IsPresent);
    }

    [Fact]
    public void Options_InvalidScorer_ListsEveryProblem()
    {
        var options = new ExpansionScoringOptions
        {
            Scorers = [new MetricScorerOptions { Signal = "", Metric = "", Kind = MetricScorerKind.Step }],
            MaxPoints = 0,
        };
        var errors = options.Validate();
        Assert.Contains("Scorers:0:Signal '' is not a valid signal name.", errors);
        Assert.Contains("Scorers:0:Metric must not be empty.", errors);
        Assert.Contains("Scorers:0:Steps must list at least one step.", errors);
        Assert.Contains("MaxPoints must be > 0, was 0.", errors);
    }
}
