using ExpansionScoring.Presets;
using ExpansionScoring.Signals;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ExpansionScoring.Tests.Presets;

/// <summary>SPEC §3: weight presets and the weighted-average composite.</summary>
public class WeightPresetTests
{
    public static TheoryData<string, double, double, double, double, double> PresetWeights => new()
    {
        { "MidMarketBalanced", 0.30, 0.25, 0.15, 0.20, 0.10 },
        { "Enterprise", 0.15, 0.15, 0.15, 0.40, 0.15 },
        { "ProductLed", 0.35, 0.35, 0.15, 0.05, 0.10 },
        { "SmbSeatHeavy", 0.40, 0.25, 0.15, 0.10, 0.10 },
    };

    [Theory]
    [MemberData(nameof(PresetWeights))]
    public void BuiltIn_Weights_AreExactlyTheSpecTable(string name, double planFit, double velocity, double engagement, double champion, double triggers)
    {
        Assert.True(WeightPreset.TryGetBuiltIn(name, out var preset));
        Assert.Equal(name, preset.Name);
        Assert.Equal(planFit, preset.WeightOf(SignalKey.PlanFit));
        Assert.Equal(velocity, preset.WeightOf(SignalKey.Velocity));
        Assert.Equal(engagement, preset.WeightOf(SignalKey.Engagement));
        Assert.Equal(champion, preset.WeightOf(SignalKey.Champion));
        Assert.Equal(triggers, preset.WeightOf(SignalKey.Triggers));
        Assert.Equal(5, preset.Weights.Count);
        Assert.Equal(1.0, preset.TotalWeight, 12);
    }

    [Theory]
    [MemberData(nameof(PresetWeights))]
    public void Score_OneSignalAtHundredRestZero_CompositeIsThatSignalsWeight(string name, double planFit, double velocity, double engagement, double champion, double triggers)
    {
        Assert.True(WeightPreset.TryGetBuiltIn(name, out var preset));
        var model = new ScoringModelBuilder().UsePreset(preset).Build();
        double[] weights = [planFit, velocity, engagement, champion, triggers];
        for (int i = 0; i < 5; i++)
        {
            double[] s = [0, 0, 0, 0, 0];
            s[i] = 100;
            var score = model.Score(TestData.Account(s[0], s[1], s[2], s[3], s[4]), TestData.AsOf);
            Assert.Equal(100 * weights[i], score.Composite, 9);
        }
    }

    [Fact]
    public void Enterprise_ChampionWeight_IsPointFour_AndProductLedPlanFitPlusVelocity_IsPointSeven()
    {
        Assert.Equal(0.40, WeightPreset.Enterprise.WeightOf(SignalKey.Champion));
        Assert.Equal(0.70, WeightPreset.ProductLed.WeightOf(SignalKey.PlanFit) + WeightPreset.ProductLed.WeightOf(SignalKey.Velocity), 12);
    }

    [Fact]
    public void Default_Model_UsesMidMarketBalancedForEverySegment()
    {
        foreach (var segment in Enum.GetValues<Segment>())
        {
            Assert.Same(WeightPreset.MidMarketBalanced, ScoringModel.Default.PresetFor(segment));
        }
    }

    [Fact]
    public void TryGetBuiltIn_CaseInsensitive_AndUnknownIsFalse()
    {
        Assert.True(WeightPreset.TryGetBuiltIn("productled", out var p));
        Assert.Same(WeightPreset.ProductLed, p);
        Assert.False(WeightPreset.TryGetBuiltIn("nope", out _));
        Assert.False(WeightPreset.TryGetBuiltIn(null, out _));
    }

    [Fact]
    public void Create_WeightsNeedNotSumToOne_AreNormalised()
    {
        // 3 : 1 → composite = (3 × 80 + 1 × 40) / 4 = 70
        var preset = WeightPreset.Create("ThreeToOne", [new KeyValuePair<SignalKey, double>(SignalKey.PlanFit, 3.0), new KeyValuePair<SignalKey, double>(SignalKey.Velocity, 1.0)]);
        var model = new ScoringModelBuilder().UsePreset(preset).Build();
        Assert.Equal(70, model.Score(TestData.Account(planFit: 80, velocity: 40, champion: 0), TestData.AsOf).Composite, 9);
    }

    [Fact]
    public void Create_ByName_IsCaseInsensitive()
    {
        var preset = WeightPreset.Create("Named", [new KeyValuePair<string, double>("planfit", 2), new KeyValuePair<string, double>("TRIGGERS", 1)]);
        Assert.Equal(2, preset.WeightOf(SignalKey.PlanFit));
        Assert.Equal(1, preset.WeightOf(SignalKey.Triggers));
        Assert.Equal(0, preset.WeightOf(SignalKey.Champion));
    }

    [Fact]
    public void Create_SeveralProblems_ExactAggregatedMessage()
    {
        var ex = InvariantCulture.Run(() => Assert.Throws<ScoringConfigurationException>(() => WeightPreset.Create("Bad",
        [
            new KeyValuePair<string, double>("PlanFit", -0.2),
            new KeyValuePair<string, double>("Velocity", double.NaN),
            new KeyValuePair<string, double>("Champion", 0),
            new KeyValuePair<string, double>("9lives", 1),
        ])));

        string[] expected =
        [
            "Bad:PlanFit must be >= 0, was -0.2.",
            "Bad:Velocity must be a finite number, was NaN.",
            "Bad: '9lives' is not a valid signal name.",
            "Bad: at least one weight must be above 0.",
        ];
        Assert.Equal(expected, ex.Errors);
        Assert.Equal(
            "Invalid scoring configuration (4 problems):" + Environment.NewLine + "- " + string.Join(Environment.NewLine + "- ", expected),
            ex.Message);
    }

    [Fact]
    public void Create_NoWeights_OneProblemMessage()
    {
        var ex = Assert.Throws<ScoringConfigurationException>(() => WeightPreset.Create("Empty", Array.Empty<KeyValuePair<SignalKey, double>>()));
        Assert.Equal("Invalid scoring configuration: Empty has no weights.", ex.Message);
    }

    [Fact]
    public void Create_DuplicateKey_IsAProblem()
    {
        var ex = Assert.Throws<ScoringConfigurationException>(() => WeightPreset.Create("Dup",
            [new KeyValuePair<string, double>("PlanFit", 1), new KeyValuePair<string, double>("planfit", 2)]));
        Assert.Equal(["Dup:planfit is given more than once."], ex.Errors);
    }

    [Fact]
    public void Create_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => WeightPreset.Create(null!, Array.Empty<KeyValuePair<SignalKey, double>>()));
        Assert.Throws<ArgumentNullException>(() => WeightPreset.Create("x", (IEnumerable<KeyValuePair<SignalKey, double>>)null!));
        Assert.Throws<ArgumentNullException>(() => WeightPreset.Create("x", (IEnumerable<KeyValuePair<string, double>>)null!));
        Assert.Throws<ArgumentException>(() => WeightPreset.Create(" ", Array.Empty<KeyValuePair<string, double>>()));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Scale_NotPositiveFinite_Throws(double factor)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => WeightPreset.MidMarketBalanced.Scale(factor));
        Assert.Equal("factor", ex.ParamName);
    }

    [Fact]
    public void Scale_MultipliesEveryWeight_KeepsName()
    {
        var scaled = WeightPreset.Enterprise.Scale(10);
        Assert.Equal("Enterprise", scaled.Name);
        Assert.Equal(4.0, scaled.WeightOf(SignalKey.Champion), 12);
        Assert.Equal(10.0, scaled.TotalWeight, 12);
    }

    [Property(Arbitrary = new[] { typeof(Arbitraries) })]
    public void Scale_AnyPositiveFactor_ChangesNoScore(ScalingCase c)
    {
        var original = new ScoringModelBuilder().UsePreset(c.Preset).Build().Score(c.Account, TestData.AsOf);
        var scaled = new ScoringModelBuilder().UsePreset(c.Preset.Scale(c.Factor)).Build().Score(c.Account, TestData.AsOf);

        TestData.Close(original.Composite, scaled.Composite);
        TestData.Close(original.Probability, scaled.Probability);
        TestData.Close(original.Opportunity, scaled.Opportunity);
        Assert.Equal(original.Band.Name, scaled.Band.Name);
        Assert.Equal(original.Offer, scaled.Offer);
        Assert.Equal(original.OfferRule, scaled.OfferRule);
        Assert.Equal(original.Window, scaled.Window);
        Assert.Equal(original.Confidence, scaled.Confidence);
        Assert.Equal(original.LoudestSignal, scaled.LoudestSignal);
    }

    public sealed record ScalingCase(Account Account, WeightPreset Preset, double Factor);

    public static class Arbitraries
    {
        public static Arbitrary<ScalingCase> ScalingCases() =>
            (from account in Generators.Account
             from preset in Generators.Preset
             from factor in Gen.Elements(1e-6, 0.001, 0.5, 1, 3, 7.25, 1000, 1e5) // weights up to 10, so at most WeightPreset.MaxWeight
             select new ScalingCase(account, preset, factor)).ToArbitrary();
    }
}
