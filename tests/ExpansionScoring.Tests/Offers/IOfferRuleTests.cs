using ExpansionScoring.Offers;
using ExpansionScoring.Signals;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ExpansionScoring.Tests.Offers;

/// <summary>SPEC §6: users add their own offer rules in code; priority, default insertion and first-match-wins.</summary>
public class IOfferRuleTests
{
    private static Account Neutral() => TestData.Uniform(50);

    [Fact]
    public void AddOfferRule_NoPriority_InsertedJustBeforeFallback()
    {
        var model = new ScoringModelBuilder()
            .AddOfferRule(new Generators.FixedRule("First", OfferKind.AddOn, fires: true))
            .AddOfferRule(new Generators.FixedRule("Second", OfferKind.MultiYear, fires: true))
            .Build();
        Assert.Equal(["EnterpriseTriggers", "SeatCapacity", "TierReady", "MultiYearLock", "LowProbability", "First", "Second", "Fallback"], model.OfferRules);
    }

    [Fact]
    public void AddOfferRule_NoPriority_SpecRuleStillWinsButFallbackLoses()
    {
        var model = new ScoringModelBuilder().AddOfferRule(new Generators.FixedRule("Always", OfferKind.AddOn, fires: true)).Build();

        var seats = Neutral().With(velocity: 80) with { SeatsActive = 90, SeatsPurchased = 100 };
        Assert.Equal(OfferKind.Seats, model.Score(seats, TestData.AsOf).Offer);

        var neutral = model.Score(Neutral(), TestData.AsOf);
        Assert.Equal(OfferKind.AddOn, neutral.Offer);
        Assert.Equal("Always", neutral.OfferRule);
    }

    [Fact]
    public void AddOfferRule_PriorityZero_BeatsEverySpecRule()
    {
        var model = new ScoringModelBuilder().AddOfferRule(new Generators.FixedRule("Top", OfferKind.MultiYear, fires: true), priority: 0).Build();
        var seats = Neutral().With(velocity: 80) with { SeatsActive = 90, SeatsPurchased = 100 };
        var score = model.Score(seats, TestData.AsOf);
        Assert.Equal(OfferKind.MultiYear, score.Offer);
        Assert.Equal("Top", score.OfferRule);
        Assert.Equal("Top", model.OfferRules[0]);
    }

    [Fact]
    public void AddOfferRule_PriorityInMiddleOrPastEnd_InsertedThere()
    {
        var model = new ScoringModelBuilder()
            .AddOfferRule(new Generators.FixedRule("Third", OfferKind.AddOn, fires: false), priority: 2)
            .AddOfferRule(new Generators.FixedRule("Last", OfferKind.AddOn, fires: false), priority: 1000)
            .Build();
        Assert.Equal(["EnterpriseTriggers", "SeatCapacity", "Third", "TierReady", "MultiYearLock", "LowProbability", "Fallback", "Last"], model.OfferRules);
    }

    [Fact]
    public void AddOfferRule_SilentRule_NextRuleDecides()
    {
        var model = new ScoringModelBuilder().AddOfferRule(new Generators.FixedRule("Never", OfferKind.AddOn, fires: false), priority: 0).Build();
        Assert.Equal("Fallback", model.Score(Neutral(), TestData.AsOf).OfferRule);
    }

    [Fact]
    public void Explain_CodeRuleFired_UsesItsRationale()
    {
        var model = new ScoringModelBuilder().AddOfferRule(new Generators.FixedRule("Always", OfferKind.AddOn, fires: true)).Build();
        var explained = model.Explain(Neutral(), TestData.AsOf);
        Assert.Equal("Always", explained.OfferRule);
        Assert.Equal("Always fired", explained.Rationale);
    }

    [Fact]
    public void Explain_CodeRuleNamedLikeASpecRule_RationaleFromTheRuleThatFired_FixesRationaleLookedUpByName()
    {
        // Explain used to find the rationale's rule by name, so a code rule sharing a name with an earlier data rule
        // was explained with the data rule's text ("Seats at 50 % of plan ceiling…" for an AddOn offer).
        var model = new ScoringModelBuilder().AddOfferRule(new Generators.FixedRule("SeatCapacity", OfferKind.AddOn, fires: true)).Build();

        var explained = model.Explain(Neutral(), TestData.AsOf);

        Assert.Equal(OfferKind.AddOn, explained.Offer);
        Assert.Equal("SeatCapacity", explained.OfferRule);
        Assert.Equal("SeatCapacity fired", explained.Rationale);
    }

    [Fact]
    public void Matches_Arguments_CarryTheAccountsFacts()
    {
        var probe = new ProbeRule();
        var model = new ScoringModelBuilder().AddOfferRule(probe, priority: 0).Build();
        var account = TestData.Account(40, 60, 80, 20, 10, Segment.SMB) with
        {
            Plan = "Growth",
            SeatsActive = 90,
            SeatsPurchased = 100,
            RenewalDate = TestData.AsOf.AddDays(45),
        };

        var score = model.Score(account, TestData.AsOf);

        Assert.Equal(Segment.SMB, probe.Segment);
        Assert.Equal(TestData.AsOf, probe.AsOf);
        Assert.Equal(score.Composite, probe.Composite);
        Assert.Equal(score.Probability, probe.Probability);
        Assert.Equal(0.9, probe.SeatSaturation, 12);
        Assert.Equal(45, probe.DaysToRenewal);
        Assert.Equal("Pro", probe.NextPlan);
        Assert.Equal(29, probe.SeatsToAdd); // ceil(90 / 0.7) − 100
        Assert.Equal(60, probe.Velocity);
        Assert.True(double.IsNaN(probe.Unknown));
    }

    [Property(Arbitrary = new[] { typeof(Arbitraries) })]
    public void Score_CodeRules_FirstMatchingRuleWinsWhateverLaterRulesSay(CodeRuleCase c)
    {
        var builder = new ScoringModelBuilder().Configure(o => o.Offers.Rules = []);
        foreach (var rule in c.Rules)
        {
            builder.AddOfferRule(rule);
        }

        var score = builder.Build().Score(c.Account, TestData.AsOf);

        var first = c.Rules.FirstOrDefault(r => r.Fires);
        Assert.Equal(first?.Offer ?? OfferKind.Nurture, score.Offer);
        Assert.Equal(first?.Name, score.OfferRule);
    }

    [Property(Arbitrary = new[] { typeof(Arbitraries) })]
    public void Score_DataRules_FirstMatchingRuleWinsWhateverLaterRulesSay(DataRuleCase c)
    {
        var model = ScoringModel.Create(new ExpansionScoringOptions { Offers = new OfferOptions { Rules = [.. c.Rules] } });
        var score = model.Score(c.Account, TestData.AsOf);

        // Signals may be supplied or derived (PlanFit from seat counts), so read them as the model saw them.
        var values = model.Explain(c.Account, TestData.AsOf).Signals.ToDictionary(s => s.Signal, s => s.Value ?? double.NaN);
        var first = c.Rules.FirstOrDefault(r => Holds(r, c.Account.Segment, values, score.Probability));
        Assert.Equal(first?.Offer ?? OfferKind.Nurture, score.Offer);
        Assert.Equal(first?.Name, score.OfferRule);
    }

    // The oracle: SPEC §6 read literally — every condition holds, on a value that is present.
    private static bool Holds(OfferRuleOptions rule, Segment segment, Dictionary<string, double> signals, double probability)
    {
        if (rule.Segments is { Count: > 0 } segments && !segments.Contains(segment))
        {
            return false;
        }

        foreach (var c in rule.Conditions)
        {
            double x = c.Field == "Probability" ? probability : signals[c.Field];
            bool ok = c.Operator switch
            {
                ComparisonOperator.AtLeast => x >= c.Value,
                ComparisonOperator.Above => x > c.Value,
                ComparisonOperator.AtMost => x <= c.Value,
                _ => x < c.Value,
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    public sealed record CodeRuleCase(Account Account, IReadOnlyList<Generators.FixedRule> Rules)
    {
        public override string ToString() => $"{Account.Signals} | {string.Join(", ", Rules)}";
    }

    public sealed record DataRuleCase(Account Account, IReadOnlyList<OfferRuleOptions> Rules)
    {
        public override string ToString()
            => $"{Account.Segment} {Account.Signals} | " + string.Join("; ", Rules.Select(r =>
                $"{r.Name}:{r.Offer}[{string.Join(",", r.Segments ?? [])}] " + string.Join(" & ", r.Conditions.Select(c => $"{c.Field} {c.Operator} {c.Value}"))));
    }

    public static class Arbitraries
    {
        private static readonly Gen<OfferKind> Offer = Gen.Elements(Enum.GetValues<OfferKind>());

        public static Arbitrary<CodeRuleCase> CodeRuleCases() =>
            (from account in Generators.UngatedAccount
             from count in Gen.Choose(0, 6)
             from rules in Gen.ArrayOf(Gen.Zip(Offer, Gen.Elements(true, false)), count)
             select new CodeRuleCase(account, [.. rules.Select((r, i) => new Generators.FixedRule($"Rule{i}", r.Item1, r.Item2))]))
            .ToArbitrary();

        public static Arbitrary<DataRuleCase> DataRuleCases()
        {
            var condition =
                from field in Gen.Elements("PlanFit", "Velocity", "Engagement", "Champion", "Triggers", "Probability")
                from op in Gen.Elements(Enum.GetValues<ComparisonOperator>())
                from value in Generators.SignalValue
                select new OfferConditionOptions { Field = field, Operator = op, Value = value };
            var segments = Gen.Frequency(
                (3, Gen.Constant<List<Segment>?>(null)),
                (1, Gen.SubListOf(Enum.GetValues<Segment>()).Select(s => (List<Segment>?)[.. s])));
            return (from account in Generators.UngatedAccount
                    from count in Gen.Choose(0, 6)
                    from rules in Gen.ArrayOf(
                        from offer in Offer
                        from segs in segments
                        from n in Gen.Choose(0, 3)
                        from conditions in Gen.ArrayOf(condition, n)
                        select (offer, segs, conditions), count)
                    select new DataRuleCase(account, [.. rules.Select((r, i) => new OfferRuleOptions
                    {
                        Name = $"Rule{i}",
                        Offer = r.offer,
                        Segments = r.segs,
                        Conditions = [.. r.conditions],
                    })]))
                .ToArbitrary();
        }
    }

    private sealed class ProbeRule : IOfferRule
    {
        public string Name => "Probe";

        public OfferKind Offer => OfferKind.Nurture;

        public Segment Segment { get; private set; }

        public DateOnly AsOf { get; private set; }

        public double Composite { get; private set; }

        public double Probability { get; private set; }

        public double SeatSaturation { get; private set; }

        public double DaysToRenewal { get; private set; }

        public string? NextPlan { get; private set; }

        public int SeatsToAdd { get; private set; }

        public double Velocity { get; private set; }

        public double Unknown { get; private set; }

        public bool Matches(in OfferRuleArguments arguments)
        {
            Segment = arguments.Segment;
            AsOf = arguments.AsOf;
            Composite = arguments.Composite;
            Probability = arguments.Probability;
            SeatSaturation = arguments.SeatSaturation;
            DaysToRenewal = arguments.DaysToRenewal;
            NextPlan = arguments.NextPlan;
            SeatsToAdd = arguments.SeatsToAdd;
            Velocity = arguments.Signal(SignalKey.Velocity);
            Unknown = arguments.Signal(default);
            return false;
        }

        public string Explain(in OfferRuleArguments arguments) => "probe";
    }
}
