using ExpansionScoring.Offers;
using ExpansionScoring.Presets;
using ExpansionScoring.Probability;
using ExpansionScoring.Signals;
using ExpansionScoring.Windows;
using FsCheck;
using FsCheck.Fluent;

namespace ExpansionScoring.Tests;

/// <summary>
/// FsCheck generators for the domain, shared by the nested <c>Arbitraries</c> classes of the property tests.
/// Values lean towards the thresholds of SPEC §5–§8 so the properties cross every boundary often.
/// </summary>
public static class Generators
{
    private static readonly double[] Thresholds = [0, 100, 25, 40, 50, 59.9, 60, 69.9, 70, 74.99, 75, 79.9, 80, 85, 90, 95];

    /// <summary>A signal value in 0..100, often on a threshold.</summary>
    public static Gen<double> SignalValue { get; } = Gen.Frequency(
        (1, Gen.Elements(Thresholds)),
        (3, Gen.Choose(0, 10_000).Select(i => i / 100.0)));

    /// <summary>A signal value or, one time in five, a missing one.</summary>
    public static Gen<double?> OptionalSignal { get; } = Gen.Frequency(
        (1, Gen.Constant<double?>(null)),
        (4, SignalValue.Select(v => (double?)v)));

    /// <summary>0..5 of the built-in signals, directly supplied.</summary>
    public static Gen<SignalValues> Signals { get; } =
        from p in OptionalSignal
        from v in OptionalSignal
        from e in OptionalSignal
        from c in OptionalSignal
        from t in OptionalSignal
        select SignalValues.Of(p, v, e, c, t);

    /// <summary>All five built-in signals, each present.</summary>
    public static Gen<double[]> FullSignals { get; } = Gen.ArrayOf(SignalValue, 5);

    public static Gen<Segment> Segment { get; } = Gen.Elements(Enum.GetValues<Segment>());

    public static Gen<double> Arr { get; } = Gen.Frequency(
        (1, Gen.Elements(0.0, 96_000.0, 1.0)),
        (4, Gen.Choose(0, 5_000_000).Select(i => (double)i)));

    private static Gen<T?> Maybe<T>(Gen<T> gen)
        where T : struct
        => Gen.Frequency((1, Gen.Constant<T?>(null)), (2, gen.Select(v => (T?)v)));

    /// <summary>Any valid account: direct signals, seats, renewal, gate data, a plan and sometimes a window override.</summary>
    public static Gen<Account> Account { get; } =
        from id in Gen.Choose(1, 1_000_000)
        from signals in Signals
        from segment in Segment
        from arr in Arr
        from purchased in Maybe(Gen.Choose(0, 500))
        from active in Maybe(Gen.Choose(0, 600))
        from days in Maybe(Gen.Choose(-30, 400))
        from health in Maybe(Gen.Choose(0, 1000).Select(i => i / 10.0))
        from tickets in Maybe(Gen.Choose(0, 3))
        from tenureDays in Maybe(Gen.Choose(0, 900))
        from plan in Gen.Elements<string?>(null, "Starter", "Growth", "Pro", "Enterprise", "Legacy")
        from overrideWindow in Maybe(Gen.Elements(Enum.GetValues<PitchWindow>()))
        select new Account
        {
            Id = $"acct-{id}",
            Signals = signals,
            Segment = segment,
            Arr = arr,
            SeatsPurchased = purchased,
            SeatsActive = active,
            DaysToRenewal = days,
            HealthScore = health,
            OpenP1P2Tickets = tickets,
            ContractStartDate = tenureDays is { } d ? TestData.AsOf.AddDays(-d) : null,
            Plan = plan,
            WindowOverride = overrideWindow is { } w ? new WindowOverride { Window = w, Reason = "property test" } : null,
        };

    /// <summary>An account without gate data or a window override: nothing but its numbers decides its result.</summary>
    public static Gen<Account> UngatedAccount { get; } = Account.Select(a => a with
    {
        HealthScore = null,
        OpenP1P2Tickets = null,
        ContractStartDate = null,
        WindowOverride = null,
    });

    /// <summary>A built-in preset or a custom one over the built-in signals (some weights 0, at least one above 0).</summary>
    public static Gen<WeightPreset> Preset { get; } = Gen.Frequency(
        (1, Gen.Elements(WeightPreset.BuiltInPresets.ToArray())),
        (2, Gen.ArrayOf(Gen.Frequency((1, Gen.Constant(0)), (4, Gen.Choose(1, 1000))), SignalKey.BuiltIn.Count)
            .Where(w => w.Any(x => x > 0))
            .Select(w => WeightPreset.Create("Generated", SignalKey.BuiltIn.Select((k, i) => new KeyValuePair<SignalKey, double>(k, w[i] / 100.0))))));

    /// <summary>A linear, logistic or wild transform; the wild one returns anything, NaN and infinities included.</summary>
    public static Gen<IProbabilityTransform> AnyTransform { get; } = Gen.OneOf(
        MonotoneTransform,
        Gen.Elements(double.NaN, double.PositiveInfinity, double.NegativeInfinity, -1e12, 1e12, -5, 0, 4.999, 95.001, 200)
            .Select(v => (IProbabilityTransform)new ConstantTransform(v)),
        Gen.Constant<IProbabilityTransform>(new WildTransform()));

    /// <summary>A non-decreasing transform, as the interface asks of implementations.</summary>
    public static Gen<IProbabilityTransform> MonotoneTransform => Gen.OneOf(
        from intercept in Gen.Choose(-100, 100)
        from slope in Gen.Choose(0, 400)
        select (IProbabilityTransform)new LinearProbabilityTransform(intercept, slope / 100.0),
        from midpoint in Gen.Choose(-50, 150)
        from steepness in Gen.Choose(1, 200)
        select (IProbabilityTransform)new LogisticProbabilityTransform(midpoint, steepness / 100.0),
        Gen.Constant<IProbabilityTransform>(LinearProbabilityTransform.Default));

    /// <summary>A transform that returns one fixed value whatever the composite.</summary>
    public sealed class ConstantTransform(double value) : IProbabilityTransform
    {
        public double Transform(double composite) => value;

        public override string ToString() => $"Constant({value})";
    }

    /// <summary>A transform far outside 5..95 that swings with the composite.</summary>
    public sealed class WildTransform : IProbabilityTransform
    {
        public double Transform(double composite) => (composite - 50) * 1e6;

        public override string ToString() => "Wild";
    }

    /// <summary>A code offer rule that fires or not, whatever the account.</summary>
    public sealed class FixedRule(string name, OfferKind offer, bool fires) : IOfferRule
    {
        public string Name { get; } = name;

        public OfferKind Offer { get; } = offer;

        public bool Fires { get; } = fires;

        public bool Matches(in OfferRuleArguments arguments) => Fires;

        public string Explain(in OfferRuleArguments arguments) => $"{Name} fired";

        public override string ToString() => $"{Name}:{Offer}:{(Fires ? "fires" : "silent")}";
    }
}
