using System.Globalization;
using ExpansionScoring.Offers;
using ExpansionScoring.Signals;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ExpansionScoring.Tests.Offers;

/// <summary>
/// A data rule (SPEC §6) has two executions: the reference one, <see cref="IOfferRule.Matches"/> on the rule's
/// arguments through <see cref="ConditionOfferRule.Compare"/>, and the model's fast path, one closed range per
/// condition over a span of fields. These tests pin the reference's thresholds for every operand kind, show the fast
/// path gives the same answer at and around every threshold, and pin the rule's parts the engine reads (segments,
/// binding to the model's slots, the signals it reads, the rationale's formats).
/// </summary>
public class ConditionOfferRuleReferenceTests
{
    private const double Threshold = 60;

    /// <summary>The five built-in signals in slots 0..4, as a model that reads exactly them binds them.</summary>
    private static readonly int[] BuiltInSlots = [0, 1, 2, 3, 4];

    /// <summary>An operand of each kind: two signals and the five facts.</summary>
    public static TheoryData<string> Fields => ["PlanFit", "Triggers", "SeatSaturation", "DaysToRenewal", "Probability", "Composite", "Arr"];

    private static ConditionOfferRule Rule(string field, ComparisonOperator op, double value = Threshold, List<Segment>? segments = null, int[]? slots = null, string? rationale = null)
        => new(
            new OfferRuleOptions
            {
                Name = "R",
                Offer = OfferKind.AddOn,
                Segments = segments,
                Conditions = [new OfferConditionOptions { Field = field, Operator = op, Value = value }],
                Rationale = rationale,
            },
            slots ?? BuiltInSlots);

    /// <summary>
    /// The account, signal values and facts with <paramref name="field"/> set to <paramref name="x"/> and every other
    /// operand well away from <see cref="Threshold"/>, laid out both ways: as the rule's arguments and as the fast
    /// path's fields (signals by slot, then SeatSaturation, DaysToRenewal, Probability, Composite, Arr).
    /// </summary>
    private sealed class Case
    {
        public Case(string field, double x, Segment segment = Segment.MidMarket)
            : this(segment, (field, x))
        {
        }

        public Case(Segment segment, params (string Field, double X)[] set)
        {
            Values = [10, 20, 30, 40, 50];
            SeatSaturation = 0.5;
            Days = 200;
            Probability = 40;
            Composite = 35;
            double arr = 100_000;
            foreach (var (field, x) in set)
            {
                switch (field)
                {
                    case "PlanFit": Values[0] = x; break;
                    case "Triggers": Values[4] = x; break;
                    case "SeatSaturation": SeatSaturation = x; break;
                    case "DaysToRenewal": Days = x; break;
                    case "Probability": Probability = x; break;
                    case "Composite": Composite = x; break;
                    case "Arr": arr = x; break;
                    default: throw new ArgumentOutOfRangeException(nameof(set), field, null);
                }
            }

            Account = new Account { Id = "acct-1", Name = "Acme", Plan = "Growth", Arr = arr, Segment = segment };
            Fields = [.. Values, SeatSaturation, Days, Probability, Composite, arr];
        }

        public Account Account { get; }

        public double[] Values { get; }

        public double SeatSaturation { get; }

        public double Days { get; }

        public double Probability { get; }

        public double Composite { get; }

        public double[] Fields { get; }

        public int SeatsToAdd { get; init; } = 7;

        public bool Reference(ConditionOfferRule rule, int[]? slots = null)
            => rule.Matches(new OfferRuleArguments(Account, TestData.AsOf, Values, slots ?? BuiltInSlots, Composite, Probability, SeatSaturation, Days, ["Starter", "Growth", "Pro"], SeatsToAdd));

        public bool Fast(ConditionOfferRule rule) => rule.Matches(Account.Segment, Fields);

        public string Template(string template)
            => ConditionOfferRule.FormatTemplate(template, new OfferRuleArguments(Account, TestData.AsOf, Values, BuiltInSlots, Composite, Probability, SeatSaturation, Days, ["Starter", "Growth", "Pro"], SeatsToAdd));

        public string Explain(ConditionOfferRule rule)
            => rule.Explain(new OfferRuleArguments(Account, TestData.AsOf, Values, BuiltInSlots, Composite, Probability, SeatSaturation, Days, ["Starter", "Growth", "Pro"], SeatsToAdd));
    }

    [Theory]
    [InlineData(ComparisonOperator.AtLeast, -2e-9, false)]
    [InlineData(ComparisonOperator.AtLeast, -1e-9, true)]
    [InlineData(ComparisonOperator.AtLeast, 0, true)]
    [InlineData(ComparisonOperator.AtLeast, 1e-9, true)]
    [InlineData(ComparisonOperator.Above, 0, false)]
    [InlineData(ComparisonOperator.Above, 1e-9, false)]
    [InlineData(ComparisonOperator.Above, 2e-9, true)]
    [InlineData(ComparisonOperator.AtMost, -1e-9, true)]
    [InlineData(ComparisonOperator.AtMost, 0, true)]
    [InlineData(ComparisonOperator.AtMost, 1e-9, true)]
    [InlineData(ComparisonOperator.AtMost, 2e-9, false)]
    [InlineData(ComparisonOperator.Below, -2e-9, true)]
    [InlineData(ComparisonOperator.Below, -1e-9, false)]
    [InlineData(ComparisonOperator.Below, 0, false)]
    [InlineData(ComparisonOperator.Below, 1e-9, false)]
    public void Compare_EachOperator_HonoursTheThresholdWithItsEpsilon(ComparisonOperator op, double offset, bool expected)
    {
        Assert.Equal(expected, ConditionOfferRule.Compare(Threshold + offset, op, Threshold));
        Assert.False(ConditionOfferRule.Compare(double.NaN, op, Threshold));
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public void EveryOperandKind_ReferenceAndFastPath_FireExactlyWhereTheOperatorSays(string field)
    {
        // x relative to the threshold: outside the epsilon, on it, inside it, at it, and the mirror images.
        double[] offsets = [-2e-9, -1e-9, -5e-10, 0, 5e-10, 1e-9, 2e-9, -1, 1];
        foreach (var op in Enum.GetValues<ComparisonOperator>())
        {
            var rule = Rule(field, op);
            foreach (double offset in offsets)
            {
                double x = Threshold + offset;
                bool expected = op switch
                {
                    ComparisonOperator.AtLeast => offset >= -1e-9,
                    ComparisonOperator.Above => offset > 1e-9,
                    ComparisonOperator.AtMost => offset <= 1e-9,
                    _ => offset < -1e-9,
                };
                var c = new Case(field, x);

                Assert.True(expected == c.Reference(rule), $"{field} {op} at {offset}: reference");
                Assert.True(expected == c.Fast(rule), $"{field} {op} at {offset}: fast path");
            }

            if (field == "Arr")
            {
                continue; // An account's ARR is never missing.
            }

            var missing = new Case(field, double.NaN);
            Assert.False(missing.Reference(rule), $"{field} {op} missing: reference");
            Assert.False(missing.Fast(rule), $"{field} {op} missing: fast path");
        }
    }

    [Property(MaxTest = 300)]
    public Property FastPath_EqualsTheReference_OnEveryDoubleNearTheEpsilon()
    {
        // Within a few ulps of threshold ± epsilon, where the fast path's closed bounds (BitIncrement/BitDecrement of a
        // strict bound) must land exactly where Compare's strict comparison does.
        var gen =
            from op in Gen.Elements(Enum.GetValues<ComparisonOperator>())
            from field in Gen.Elements("PlanFit", "SeatSaturation", "Arr")
            from threshold in Gen.Elements(0.85, 60.0, 90.0, 1_000_000.0)
            from side in Gen.Elements(-1.0, 1.0)
            from ulps in Gen.Choose(-3, 3)
            select (op, field, threshold, x: Step(threshold + (side * ConditionOfferRule.Epsilon), ulps));

        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var rule = Rule(t.field, t.op, t.threshold);
            var c = new Case(t.field, t.x);
            bool reference = ConditionOfferRule.Compare(t.x, t.op, t.threshold);
            return (c.Reference(rule) == reference && c.Fast(rule) == reference)
                .Label($"{t.field} {t.op} {t.threshold.ToString("R", CultureInfo.InvariantCulture)} at {t.x.ToString("R", CultureInfo.InvariantCulture)}: Compare {reference}");
        });

        static double Step(double x, int ulps)
        {
            for (; ulps > 0; ulps--)
            {
                x = Math.BitIncrement(x);
            }

            for (; ulps < 0; ulps++)
            {
                x = Math.BitDecrement(x);
            }

            return x;
        }
    }

    [Fact]
    public void EveryConditionMustHold_OnBothPaths()
    {
        var rule = new ConditionOfferRule(
            new OfferRuleOptions
            {
                Name = "Both",
                Offer = OfferKind.Seats,
                Conditions =
                [
                    new() { Field = "PlanFit", Operator = ComparisonOperator.AtLeast, Value = 60 },
                    new() { Field = "Probability", Operator = ComparisonOperator.AtLeast, Value = 60 },
                ],
            },
            BuiltInSlots);

        foreach (var c in new[] { new Case("PlanFit", 70), new Case("Probability", 70) })
        {
            Assert.False(c.Reference(rule));
            Assert.False(c.Fast(rule));
        }

        var both = new Case(Segment.MidMarket, ("PlanFit", 70), ("Probability", 70));
        Assert.True(both.Reference(rule));
        Assert.True(both.Fast(rule));
    }

    [Theory]
    [InlineData(Segment.SMB, true)]
    [InlineData(Segment.MidMarket, false)]
    [InlineData(Segment.Enterprise, true)]
    public void Segments_TheRuleFiresOnlyInThem_OnBothPaths(Segment segment, bool fires)
    {
        var rule = Rule("PlanFit", ComparisonOperator.AtLeast, segments: [Segment.SMB, Segment.Enterprise]);
        var c = new Case("PlanFit", 80, segment);

        Assert.Equal(fires, c.Reference(rule));
        Assert.Equal(fires, c.Fast(rule));
        Assert.Equal((1 << (int)Segment.SMB) | (1 << (int)Segment.Enterprise), rule.SegmentMask);
    }

    [Theory]
    [InlineData(Segment.SMB)]
    [InlineData(Segment.MidMarket)]
    [InlineData(Segment.Enterprise)]
    public void Segments_NoneOrEmpty_MeansEverySegment(Segment segment)
    {
        var c = new Case("PlanFit", 80, segment);
        foreach (var rule in new[] { Rule("PlanFit", ComparisonOperator.AtLeast), Rule("PlanFit", ComparisonOperator.AtLeast, segments: []) })
        {
            Assert.True(c.Reference(rule));
            Assert.True(c.Fast(rule));
            Assert.Equal(-1, rule.SegmentMask);
        }
    }

    [Fact]
    public void NoConditions_FiresForEveryAccount_OnBothPaths()
    {
        var rule = new ConditionOfferRule(new OfferRuleOptions { Name = "Always", Offer = OfferKind.Tier }, BuiltInSlots);
        var c = new Case("PlanFit", double.NaN);

        Assert.True(c.Reference(rule));
        Assert.True(c.Fast(rule));
        Assert.Empty(rule.BoundConditions);
    }

    [Fact]
    public void Binding_FactsFollowTheSignalsTheModelReads_AndASignalItDoesNotReadIsMissing()
    {
        // A model reading PlanFit and Engagement only: PlanFit in slot 0, Velocity not read, Engagement in slot 1.
        int[] slots = [0, -1, 1];
        var probability = Rule("Probability", ComparisonOperator.AtLeast, slots: slots);
        var engagement = Rule("Engagement", ComparisonOperator.AtLeast, slots: slots);
        var velocity = Rule("Velocity", ComparisonOperator.AtLeast, slots: slots);
        var champion = Rule("Champion", ComparisonOperator.AtLeast, slots: slots);

        // Two signal fields, then the five facts: Probability is field 2 + 2.
        Assert.Equal([(4, Threshold - ConditionOfferRule.Epsilon, double.PositiveInfinity)], probability.BoundConditions);
        Assert.Equal([(1, Threshold - ConditionOfferRule.Epsilon, double.PositiveInfinity)], engagement.BoundConditions);
        Assert.Equal(-1, Assert.Single(velocity.BoundConditions).Field);
        Assert.Equal(-1, Assert.Single(champion.BoundConditions).Field);

        double[] fields = [70, 70, 0.5, 200, 70, 35, 100_000];
        Assert.True(probability.Matches(Segment.SMB, fields));
        Assert.True(engagement.Matches(Segment.SMB, fields));
        Assert.False(velocity.Matches(Segment.SMB, fields));
        Assert.False(champion.Matches(Segment.SMB, fields));

        var account = new Account { Id = "a", Arr = 1, Segment = Segment.SMB };
        var args = new OfferRuleArguments(account, TestData.AsOf, [70, 70], slots, 35, 70, 0.5, 200, [], 0);
        Assert.True(engagement.Matches(args));
        Assert.True(probability.Matches(args));
        Assert.False(velocity.Matches(args));
        Assert.False(champion.Matches(args));
    }

    [Fact]
    public void Binding_EachOperator_IsTheClosedRangeOfItsComparison()
    {
        Assert.Equal((0, Threshold - ConditionOfferRule.Epsilon, double.PositiveInfinity), Assert.Single(Rule("PlanFit", ComparisonOperator.AtLeast).BoundConditions));
        Assert.Equal((0, Math.BitIncrement(Threshold + ConditionOfferRule.Epsilon), double.PositiveInfinity), Assert.Single(Rule("PlanFit", ComparisonOperator.Above).BoundConditions));
        Assert.Equal((0, double.NegativeInfinity, Threshold + ConditionOfferRule.Epsilon), Assert.Single(Rule("PlanFit", ComparisonOperator.AtMost).BoundConditions));
        Assert.Equal((0, double.NegativeInfinity, Math.BitDecrement(Threshold - ConditionOfferRule.Epsilon)), Assert.Single(Rule("PlanFit", ComparisonOperator.Below).BoundConditions));

        // The facts come after the five signals, in the order SeatSaturation, DaysToRenewal, Probability, Composite, Arr.
        string[] facts = ["SeatSaturation", "DaysToRenewal", "Probability", "Composite", "Arr"];
        for (int i = 0; i < facts.Length; i++)
        {
            Assert.Equal(5 + i, Assert.Single(Rule(facts[i], ComparisonOperator.AtLeast).BoundConditions).Field);
            Assert.Equal(i, ConditionOfferRule.FactIndex((ConditionOfferRule.OperandKind)(i + 1)));
        }
    }

    [Fact]
    public void SignalsRead_AreTheSignalConditionsOnly()
    {
        var rule = new ConditionOfferRule(
            new OfferRuleOptions
            {
                Name = "Mixed",
                Offer = OfferKind.AddOn,
                Conditions =
                [
                    new() { Field = "Velocity", Operator = ComparisonOperator.AtLeast, Value = 1 },
                    new() { Field = "Arr", Operator = ComparisonOperator.AtLeast, Value = 1 },
                    new() { Field = "Nps", Operator = ComparisonOperator.AtLeast, Value = 1 },
                    new() { Field = "probability", Operator = ComparisonOperator.AtLeast, Value = 1 },
                ],
            },
            BuiltInSlots);

        Assert.Equal([SignalKey.Velocity, SignalKey.Of("Nps")], rule.SignalsRead);
        Assert.Equal("Mixed", rule.Name);
        Assert.Equal(OfferKind.AddOn, rule.Offer);
    }

    [Fact]
    public void Operand_NotASignalNameOrAFact_IsRefusedNamingTheFacts()
    {
        var ex = Assert.Throws<ArgumentException>(() => Rule("no such", ComparisonOperator.AtLeast));

        Assert.Equal("field", ex.ParamName);
        Assert.StartsWith("'no such' is not a signal name or one of SeatSaturation, DaysToRenewal, Probability, Composite, Arr", ex.Message, StringComparison.Ordinal);
        Assert.StartsWith($"'no such' is not a signal name or one of {string.Join(", ", ConditionOfferRule.Operand.ReservedNames)}.", ex.Message, StringComparison.Ordinal);
        Assert.False(ConditionOfferRule.Operand.TryParse(null, out _));
    }

    [Theory]
    [InlineData("ARR", 5, "Arr")]
    [InlineData("seatSaturation", 1, "SeatSaturation")]
    [InlineData("daystorenewal", 2, "DaysToRenewal")]
    [InlineData("PROBABILITY", 3, "Probability")]
    [InlineData("composite", 4, "Composite")]
    [InlineData("planfit", 0, "PlanFit")]
    public void Operand_FactsAreMatchedIgnoringCase_AndNamedAsDocumented(string field, int kind, string name)
    {
        // kind: the OperandKind's value (Signal 0, then the facts in their documented order).
        Assert.True(ConditionOfferRule.Operand.TryParse(field, out var operand));
        Assert.Equal((ConditionOfferRule.OperandKind)kind, operand.Kind);
        Assert.Equal(name, operand.Name);
    }

    [Fact]
    public void Rationale_NumbersAreFormattedPerKind()
    {
        var c = new Case("Probability", 68.44) { SeatsToAdd = 0 };

        // Seat saturation as a whole percentage, ARR with thousands separators and no decimals, everything else with
        // at most one decimal; zero seats to add is a number, not "more".
        Assert.Equal("50 %|100,000|68.4|35|10|0|Growth → Pro|Acme", c.Template("{SeatSaturation}|{Arr}|{Probability}|{Composite}|{PlanFit}|{SeatsToAdd}|{Plan} → {NextPlan}|{Name}"));

        var fractional = new Case("Arr", 1_234_567.8);
        Assert.Equal("1,234,568", fractional.Template("{Arr}"));
        Assert.Equal("92 %", new Case("SeatSaturation", 0.9234).Template("{SeatSaturation}"));
        Assert.Equal("7 more", new Case("PlanFit", 1).Template("{SeatsToAdd} more"));
        Assert.Equal("-1", new Case("DaysToRenewal", -1).Template("{DaysToRenewal}"));
    }

    [Fact]
    public void Rationale_TextAroundAndBetweenPlaceholders_IsKeptAsWritten()
    {
        var c = new Case("PlanFit", 61.27);

        Assert.Equal("", c.Template(""));
        Assert.Equal("no placeholders", c.Template("no placeholders"));
        Assert.Equal("a 61.3 b 61.3 c", c.Template("a {PlanFit} b {planfit} c"));
        Assert.Equal("}61.3{", c.Template("}{PlanFit}{"));
        Assert.Equal("{PlanFit {PlanFit}", c.Template("{PlanFit {PlanFit}"));
        Assert.Equal("{no such} n/a and {Arr", c.Template("{no such} {unknown} and {Arr"));
    }

    [Fact]
    public void Explain_WithoutRationale_PrintsEachConditionWithTheArgumentsValues()
    {
        var rule = new ConditionOfferRule(
            new OfferRuleOptions
            {
                Name = "Printed",
                Offer = OfferKind.Seats,
                Conditions =
                [
                    new() { Field = "SeatSaturation", Operator = ComparisonOperator.AtLeast, Value = 0.85 },
                    new() { Field = "Arr", Operator = ComparisonOperator.Above, Value = 50_000.7 },
                    new() { Field = "Composite", Operator = ComparisonOperator.Below, Value = 40.27 },
                ],
            },
            BuiltInSlots);

        Assert.Equal("SeatSaturation 92 % ≥ 85 % and Arr 100,000 > 50,001 and Composite 35 < 40.3 — Seats", new Case("SeatSaturation", 0.92).Explain(rule));
        Assert.Equal("SeatSaturation n/a ≥ 85 % and Arr 100,000 > 50,001 and Composite 35 < 40.3 — Seats", new Case("SeatSaturation", double.NaN).Explain(rule));
        Assert.Equal("custom 100,000", new Case("PlanFit", 1).Explain(Rule("PlanFit", ComparisonOperator.AtLeast, rationale: "custom {Arr}")));
    }
}
