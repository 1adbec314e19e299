using ExpansionScoring.Reporting;
using ExpansionScoring.Signals;

namespace ExpansionScoring.Tests.Reporting;

/// <summary>
/// Coverage is capped by the data coverage: a book whose accounts rest on few of their signals does not grade A+
/// however strong those signals are (issue 13, "Say when the data is thin").
/// </summary>
public class ReportCardCoverageTests
{
    private static ReportCard Card(IEnumerable<Account> accounts)
        => Portfolio.Create(ScoringModel.Default, accounts, TestData.AsOf).ReportCard;

    [Fact]
    public void Coverage_EveryAccountOnOneStrongSignalOfFive_CappedAtItsShareOfTheWeight()
    {
        // PlanFit 90 on every account: the density alone would be 100 (A+); PlanFit is 0.30 of MidMarketBalanced's weight.
        var book = Enumerable.Range(0, 25).Select(i => new Account { Id = $"h{i}", Arr = 10_000, Signals = SignalValues.Of(planFit: 90) });

        var card = Card(book);
        var coverage = card.Get(ReportDimension.Coverage);

        Assert.Equal(0.30, card.DataCoverage!.Value, 9);
        Assert.Equal(30, coverage.Score!.Value, 9);
        Assert.Equal("F", coverage.Grade);
        Assert.Equal(30, coverage.ArrWeightedScore!.Value, 9);
        Assert.True(card.InstrumentFirst);
        Assert.Equal("100 % of accounts have a signal of 60 or more, but the data covers 30 % of the signal weight — instrument before pitching", coverage.Detail);
    }

    [Fact]
    public void Coverage_EverySignalObserved_NotCapped()
    {
        var book = Enumerable.Range(0, 4).Select(i => TestData.Uniform(i == 0 ? 90 : 40) with { Id = $"f{i}" });

        var coverage = Card(book).Get(ReportDimension.Coverage);

        Assert.Equal(60, coverage.Score!.Value, 9); // a quarter of the book with a signal ≥ 60
        Assert.DoesNotContain("data covers", coverage.Detail, StringComparison.Ordinal);
    }
}
