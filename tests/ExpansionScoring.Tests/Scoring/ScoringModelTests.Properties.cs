using ExpansionScoring.Presets;
using ExpansionScoring.Probability;
using ExpansionScoring.Signals;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ExpansionScoring.Tests.Scoring;

/// <summary>Properties that hold for every account, preset and transform.</summary>
public partial class ScoringModelTests
{
    [Property(Arbitrary = new[] { typeof(Arbitraries) })]
    public void Score_AnySignalsPresetTransform_ProbabilityWithinFiveToNinetyFive(ModelCase c)
    {
        var score = c.Build().Score(c.Account, TestData.AsOf);
        Assert.InRange(score.Probability, 5, 95);
        Assert.InRange(score.Composite, 0, 100);
    }

    [Property(Arbitrary = new[] { typeof(Arbitraries) })]
    public void Score_RaisingAnyOneSignal_NeverLowersProbability(RaiseCase c)
    {
        var model = c.Model.Build();
        var before = model.Score(c.Account, TestData.AsOf);
        var raised = c.Account with { Signals = c.Account.Signals.With(c.Signal, Math.Min(100, c.Account.Signals[c.Signal] + c.Delta)) };
        var after = model.Score(raised, TestData.AsOf);
        Assert.True(after.Composite >= before.Composite - 1e-12, $"composite {before.Composite} → {after.Composite}");
        Assert.True(after.Probability >= before.Probability - 1e-12, $"probability {before.Probability} → {after.Probability}");
    }

    [Property(Arbitrary = new[] { typeof(Arbitraries) })]
    public void Score_AnyAccount_OpportunityIsProbabilityTimesArrTimesMultiplierAndNeverNegative(Account account)
    {
        var score = Model.Score(account, TestData.AsOf);
        double expected = score.IsGated ? 0 : score.Probability / 100 * account.Arr * Model.MultiplierOf(score.Offer);
        TestData.Close(expected, score.Opportunity);
        Assert.True(score.Opportunity >= 0);
        Assert.True(score.Opportunity <= account.Arr * 0.45 * 0.95 + 1e-6);
    }

    [Property(Arbitrary = new[] { typeof(Arbitraries) })]
    public void Score_Batch_EqualsOneByOne(Account[] book)
    {
        var batch = new AccountScore[book.Length];
        Model.Score(book, TestData.AsOf, batch);

        // In two parts, too: scoring a book in parts equals scoring it whole.
        int half = book.Length / 2;
        var parts = new AccountScore[book.Length];
        Model.Score(book.AsSpan(0, half), TestData.AsOf, parts.AsSpan(0, half));
        Model.Score(book.AsSpan(half), TestData.AsOf, parts.AsSpan(half));

        for (int i = 0; i < book.Length; i++)
        {
            var single = Model.Score(book[i], TestData.AsOf);
            Assert.Equal(single, batch[i]);
            Assert.Equal(single, parts[i]);
        }
    }

    [Property(Arbitrary = new[] { typeof(Arbitraries) }, MaxTest = 20)]
    public void Score_SameBookOnManyThreads_IdenticalResults(Account[] book)
    {
        var model = new ScoringModelBuilder()
            .AddSignalScorer(new ScoringModelBuilderTests.NpsScorer())
            .UsePreset(Segment.Enterprise, WeightPreset.Enterprise)
            .UsePreset(WeightPreset.Create("WithNps", [.. WeightPreset.MidMarketBalanced.Weights, new KeyValuePair<SignalKey, double>(SignalKey.Of("Nps"), 0.2)]))
            .Build();
        var expected = book.Select(a => model.Score(a, TestData.AsOf)).ToArray();
        var expectedExplained = book.Select(a => model.Explain(a, TestData.AsOf)).ToArray();

        const int Rounds = 8;
        var actual = new AccountScore[Rounds * book.Length];
        var actualExplained = new ScoredAccount[Rounds * book.Length];
        Parallel.For(0, actual.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var account = book[i % Math.Max(1, book.Length)];
            actual[i] = model.Score(account, TestData.AsOf);
            actualExplained[i] = model.Explain(account, TestData.AsOf);
        });

        var batches = new AccountScore[Rounds][];
        Parallel.For(0, Rounds, r =>
        {
            batches[r] = new AccountScore[book.Length];
            model.Score(book, TestData.AsOf, batches[r]);
        });

        for (int i = 0; i < actual.Length; i++)
        {
            Assert.Equal(expected[i % book.Length], actual[i]);
            var e = expectedExplained[i % book.Length];
            var a = actualExplained[i];
            Assert.Equal(e.Rationale, a.Rationale);
            Assert.Equal(e.OfferLabel, a.OfferLabel);
            Assert.Equal(e.WindowReason, a.WindowReason);
            Assert.Equal(e.Signals, a.Signals);
        }

        Assert.All(batches, b => Assert.Equal(expected, b));
    }

    public sealed record ModelSetup(WeightPreset Preset, IProbabilityTransform Transform, MissingSignalPolicy Policy)
    {
        public ScoringModel Build() => new ScoringModelBuilder()
            .UsePreset(Preset)
            .UseProbabilityTransform(Transform)
            .Configure(o => o.MissingSignals = Policy)
            .Build();
    }

    public sealed record ModelCase(Account Account, ModelSetup Model)
    {
        public ScoringModel Build() => Model.Build();

        public override string ToString() => $"{Account.Signals} | {Model}";
    }

    public sealed record RaiseCase(Account Account, ModelSetup Model, SignalKey Signal, double Delta)
    {
        public override string ToString() => $"{Account.Signals} | {Model} | {Signal} +{Delta}";
    }

    public static class Arbitraries
    {
        private static Gen<ModelSetup> Setup(Gen<IProbabilityTransform> transforms) =>
            from preset in Generators.Preset
            from transform in transforms
            from policy in Gen.Elements(Enum.GetValues<MissingSignalPolicy>())
            select new ModelSetup(preset, transform, policy);

        public static Arbitrary<Account> Accounts() => Generators.Account.ToArbitrary();

        public static Arbitrary<Account[]> Books() => Gen.ArrayOf(Generators.Account).ToArbitrary();

        public static Arbitrary<ModelCase> ModelCases() =>
            (from account in Generators.Account
             from setup in Setup(Generators.AnyTransform)
             select new ModelCase(account, setup)).ToArbitrary();

        public static Arbitrary<RaiseCase> RaiseCases() =>
            (from account in Generators.UngatedAccount
             from setup in Setup(Generators.MonotoneTransform)
             from signal in Gen.Elements(SignalKey.BuiltIn.ToArray())
             from value in Generators.SignalValue
             from delta in Gen.Frequency((1, Gen.Constant(0.01)), (3, Gen.Choose(1, 10_000).Select(i => i / 100.0)))
             select new RaiseCase(account with { Signals = account.Signals.With(signal, value) }, setup, signal, delta))
            .ToArbitrary();
    }
}
