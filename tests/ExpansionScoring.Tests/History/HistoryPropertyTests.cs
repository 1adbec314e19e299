using ExpansionScoring.History;
using ExpansionScoring.Presets;
using ExpansionScoring.Probability;
using ExpansionScoring.Signals;
using ExpansionScoring.Tests.Portfolios;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ExpansionScoring.Tests.History;

public class HistoryPropertyTests
{
    private static readonly DateOnly Before = new(2026, 10, 1);
    private static readonly DateOnly After = BookGenerators.AsOf;

    private static readonly ScoringModel[] Models =
    [
        ScoringModel.Default,
        new ScoringModelBuilder().UseProbabilityTransform(new LogisticProbabilityTransform()).Build(),
        ScoringModel.Create(new ExpansionScoringOptions { MissingSignals = MissingSignalPolicy.TreatAsZero }),
        new ScoringModelBuilder().UsePreset(Segment.Enterprise, WeightPreset.Enterprise).UsePreset(Segment.SMB, WeightPreset.SmbSeatHeavy).Build(),
    ];

    [Property(Arbitrary = [typeof(Arbitraries)])]
    public void Compare_AnyTwoSnapshots_AttributionsAddUpToTheChange(BookPair pair)
    {
        var changes = BookChanges.Compare(
            BookSnapshot.Create(pair.EarlierModel, pair.Earlier, Before),
            BookSnapshot.Create(pair.LaterModel, pair.Later, After),
            new HistoryOptions { IncludeNextBandLifts = false });

        foreach (var change in changes.Accounts)
        {
            Assert.Equal(change.ProbabilityChange, change.Attributions.Sum(a => a.Change), 1e-9);
        }

        Assert.Equal(changes.PipelineChange, changes.PipelineFromAdded + changes.PipelineFromRemoved + changes.PipelineFromRescored, 1e-6);
    }

    [Property(Arbitrary = [typeof(Arbitraries)])]
    public void Compare_LinearModelAllSignalsPresent_EachSignalGetsItsWeightedStep(SignalPair pair)
    {
        // 5 + 0.9 × composite never clamps, so Shapley reduces to 0.9 × wᵢ × Δsᵢ.
        var earlier = new Account { Id = "a", Signals = SignalValues.Of(pair.Before[0], pair.Before[1], pair.Before[2], pair.Before[3], pair.Before[4]) };
        var later = earlier with { Signals = SignalValues.Of(pair.After[0], pair.After[1], pair.After[2], pair.After[3], pair.After[4]) };

        var change = Assert.Single(BookChanges.Compare(
            BookSnapshot.Create(ScoringModel.Default, [earlier], Before),
            BookSnapshot.Create(ScoringModel.Default, [later], After),
            new HistoryOptions { IncludeNextBandLifts = false }).Accounts);

        for (int i = 0; i < 5; i++)
        {
            var key = SignalKey.BuiltIn[i];
            double expected = 0.9 * WeightPreset.MidMarketBalanced.WeightOf(key) * (pair.After[i] - pair.Before[i]);
            double actual = change.Attributions.FirstOrDefault(a => a.Signal == key.Name)?.Change ?? 0;
            Assert.Equal(expected, actual, 1e-9);
        }
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 60)]
    public void Find_AnyAccountBelowTopBand_LiftReachesAndNoSmallerSingleIncreaseDoes(Func<string, Account> shape, bool logistic)
    {
        var model = logistic ? Models[1] : Models[0];
        var account = shape("a");
        var score = model.Score(account, After);
        var lift = NextBandLift.Find(model, account, After);
        if (score.BandIndex == 0)
        {
            Assert.Null(lift);
            return;
        }

        Assert.NotNull(lift);
        var explained = model.Explain(account, After);
        int BandWith(string signal, double value) => model.Score(account with { Signals = account.Signals.With(SignalKey.Of(signal), value) }, After).BandIndex;

        if (lift.Signal is not null)
        {
            Assert.True(BandWith(lift.Signal, lift.ValueAfter!.Value) < score.BandIndex);
        }

        // No weighted, present signal reaches a higher band with a smaller whole-point increase (or at all, when none was found).
        double limit = lift.Increase ?? double.PositiveInfinity;
        foreach (var s in explained.Signals.Where(s => s.Value is not null && s.Weight > 0))
        {
            for (int k = 1; k < limit && s.Value!.Value + k <= 100; k++)
            {
                if (BandWith(s.Signal, s.Value.Value + k) != score.BandIndex)
                {
                    Assert.Fail($"{s.Signal} +{k} already lifts {account} ({account.Signals}); found {lift}");
                }
            }

            if (lift.Signal is null)
            {
                Assert.Equal(score.BandIndex, BandWith(s.Signal, 100));
            }
        }
    }

    public sealed record BookPair(IReadOnlyList<Account> Earlier, IReadOnlyList<Account> Later, ScoringModel EarlierModel, ScoringModel LaterModel)
    {
        public override string ToString() => $"earlier: {new Book(Earlier)}\nlater: {new Book(Later)}";
    }

    public sealed record SignalPair(double[] Before, double[] After)
    {
        public override string ToString() => $"[{string.Join(", ", Before)}] → [{string.Join(", ", After)}]";
    }

    public static class Arbitraries
    {
        public static Arbitrary<Func<string, Account>> Shapes() => BookGenerators.AccountShape.ToArbitrary();

        public static Arbitrary<SignalPair> SignalPairs() =>
            (from before in Gen.ArrayOf(BookGenerators.SignalValue, 5)
             from after in Gen.ArrayOf(BookGenerators.SignalValue, 5)
             select new SignalPair(before, after)).ToArbitrary();

        public static Arbitrary<BookPair> BookPairs() =>
            (from book in BookGenerators.Book
             from edits in Gen.ListOf(
                 from keep in Gen.Frequency((1, Gen.Constant(0)), (6, Gen.Constant(1)))  // 0: removed
                 from resignal in Gen.Elements(true, false)
                 from signals in BookGenerators.Signals
                 from segment in Gen.Elements(Enum.GetValues<Segment>())
                 from moveSegment in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
                 select (keep, resignal, signals, segment, moveSegment),
                 book.Accounts.Count)
             from added in BookGenerators.AccountShape.ListOf(3)
             from earlierModel in Gen.Elements(Models)
             from laterModel in Gen.Frequency((3, Gen.Constant(earlierModel)), (1, Gen.Elements(Models)))
             select new BookPair(
                 book.Accounts,
                 [
                     .. book.Accounts.Zip(edits).Where(x => x.Second.keep == 1).Select(x => x.First with
                     {
                         Signals = x.Second.resignal ? x.Second.signals : x.First.Signals,
                         Segment = x.Second.moveSegment ? x.Second.segment : x.First.Segment,
                     }),
                     .. added.Select((make, i) => make($"new-{i}")),
                 ],
                 earlierModel,
                 laterModel)).ToArbitrary();
    }
}
