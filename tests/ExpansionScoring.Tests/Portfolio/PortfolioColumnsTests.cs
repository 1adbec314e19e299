using System.Text.Json;
using ExpansionScoring.Columnar;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ExpansionScoring.Tests.Portfolios;

/// <summary><see cref="PortfolioAccumulator.Add(AccountColumns, ScoreColumns, Func{int, Account})"/>: a book added from the batch path's outcome columns.</summary>
public class PortfolioColumnsTests
{
    private static readonly DateOnly AsOf = BookGenerators.AsOf;

    [Property(Arbitrary = [typeof(PortfolioPropertyTests.Arbitraries)])]
    public void AddColumns_AnyBookInAnyChunks_EqualsAddingEachAccount(Book book, int seed, bool heatmap)
    {
        // The batch path has no window overrides; everything else about the accounts is as generated.
        var accounts = book.Accounts.Select(a => a with { WindowOverride = null }).ToList();
        var options = new PortfolioOptions { TopN = 5, IncludeHeatmap = heatmap };
        var model = ScoringModel.Default;
        var fromColumns = new PortfolioAccumulator(model, AsOf, options);
        var random = new Random(seed);
        int asked = 0;
        for (int start = 0; start < accounts.Count;)
        {
            int n = Math.Min(accounts.Count - start, 1 + random.Next(7));
            var chunk = accounts.GetRange(start, n);
            var buffer = new AccountColumnBuffer(n);
            chunk.ForEach(a => buffer.Add(a, AsOf, model));
            var results = new Results(n);
            model.ScoreBatch(buffer.Columns, AsOf, results.Columns);
            fromColumns.Add(buffer.Columns, results.Columns, i =>
            {
                asked++;
                return chunk[i];
            });
            start += n;
        }

        var whole = Portfolio.Create(model, accounts, AsOf, options);

        Assert.Equal(JsonSerializer.Serialize(whole), JsonSerializer.Serialize(fromColumns.ToPortfolio()));
        if (!heatmap)
        {
            // Only candidates for the top offers are asked for whole: never more than the accounts with dollars.
            Assert.True(asked <= accounts.Count(a => model.Score(a, AsOf).Opportunity > 0));
        }
    }

    [Property(Arbitrary = [typeof(PortfolioPropertyTests.Arbitraries)])]
    public void AddColumns_NoSegmentColumn_IsMidMarketAsAccountsDefault(Book book)
    {
        // Per-segment presets make the segment matter to the report card's weights; without a segment column every
        // account is Mid-Market, as an Account without a segment is.
        var accounts = book.Accounts.Select(a => a with { WindowOverride = null, Segment = Segment.MidMarket }).ToList();
        var model = ScoringModel.Create(new ExpansionScoringOptions { SegmentPresets = { [Segment.SMB] = "SmbSeatHeavy", [Segment.Enterprise] = "Enterprise" } });
        var fromColumns = new PortfolioAccumulator(model, AsOf, new PortfolioOptions { TopN = 5 });
        var buffer = new AccountColumnBuffer(accounts.Count);
        accounts.ForEach(a => buffer.Add(a, AsOf, model));
        var withoutSegment = buffer.Columns with { Segment = default };
        var results = new Results(accounts.Count);
        model.ScoreBatch(withoutSegment, AsOf, results.Columns);
        fromColumns.Add(withoutSegment, results.Columns, i => accounts[i]);

        var whole = Portfolio.Create(model, accounts, AsOf, new PortfolioOptions { TopN = 5 });

        Assert.Equal(JsonSerializer.Serialize(whole), JsonSerializer.Serialize(fromColumns.ToPortfolio()));
    }

    [Fact]
    public void AddColumns_ShortResultColumn_Throws()
    {
        var model = ScoringModel.Default;
        var buffer = new AccountColumnBuffer(2);
        buffer.Add(new Account { Id = "a", Arr = 10 }, AsOf, model);
        buffer.Add(new Account { Id = "b", Arr = 20 }, AsOf, model);
        var accumulator = new PortfolioAccumulator(model, AsOf);
        var results = new Results(1);

        var e = Assert.Throws<ArgumentException>(() => accumulator.Add(buffer.Columns, results.Columns, _ => throw new InvalidOperationException()));
        Assert.Equal("scores", e.ParamName);
        Assert.Equal(0, accumulator.Count);
    }

    private sealed class Results(int n)
    {
        private readonly double[] composite = new double[n];
        private readonly double[] probability = new double[n];
        private readonly double[] opportunity = new double[n];
        private readonly ScoreOutcome[] outcome = new ScoreOutcome[n];

        public ScoreColumns Columns => new() { Composite = composite, Probability = probability, Opportunity = opportunity, Outcome = outcome };
    }
}
