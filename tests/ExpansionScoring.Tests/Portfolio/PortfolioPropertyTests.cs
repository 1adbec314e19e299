using ExpansionScoring.Windows;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ExpansionScoring.Tests.Portfolios;

public class PortfolioPropertyTests
{
    private static readonly DateOnly AsOf = BookGenerators.AsOf;

    [Property(Arbitrary = [typeof(Arbitraries)])]
    public void Create_AnyBook_PerBandSumsEqualTotals(Book book)
    {
        var p = Portfolio.Create(ScoringModel.Default, book.Accounts, AsOf);

        Assert.Equal(p.AccountCount, p.Bands.Values.Sum(b => b.Count));
        AssertClose(p.Arr, p.Bands.Values.Sum(b => b.Arr));
        AssertClose(p.Pipeline, p.Bands.Values.Sum(b => b.Opportunity));
        AssertClose(book.Accounts.Sum(a => a.Arr), p.Arr);
        AssertClose(ScoringModel.Default.Score(book.Accounts, AsOf).Sum(s => s.Opportunity), p.Pipeline);
    }

    [Property(Arbitrary = [typeof(Arbitraries)])]
    public void Create_AnyBook_PerWindowSumsEqualTotals(Book book)
    {
        var p = Portfolio.Create(ScoringModel.Default, book.Accounts, AsOf);

        Assert.Equal(Enum.GetValues<PitchWindow>(), p.Windows.Keys);
        Assert.Equal(p.AccountCount, p.Windows.Values.Sum(b => b.Count));
        AssertClose(p.Arr, p.Windows.Values.Sum(b => b.Arr));
        AssertClose(p.Pipeline, p.Windows.Values.Sum(b => b.Opportunity));
    }

    [Property(Arbitrary = [typeof(Arbitraries)])]
    public void Merge_AnyPartitionGroupingAndOrder_EqualsTheWhole(Book book, int parts, int seed)
    {
        parts = 1 + (Math.Abs(parts % 5));
        var options = new PortfolioOptions { TopN = 5, IncludeHeatmap = true };
        var random = new Random(seed);
        var accumulators = Enumerable.Range(0, parts).Select(_ => new PortfolioAccumulator(ScoringModel.Default, AsOf, options)).ToList();
        foreach (var account in book.Accounts.OrderBy(_ => random.Next()))
        {
            accumulators[random.Next(parts)].Add(account);
        }

        // Merge in a random tree: any two parts, in either order, until one is left.
        while (accumulators.Count > 1)
        {
            var into = accumulators[random.Next(accumulators.Count)];
            var from = accumulators.Where(a => a != into).ElementAt(random.Next(accumulators.Count - 1));
            into.Merge(from);
            accumulators.Remove(from);
        }

        var whole = Portfolio.Create(ScoringModel.Default, book.Accounts, AsOf, options);

        Assert.Equal(JsonSerializer.Serialize(whole), JsonSerializer.Serialize(accumulators[0].ToPortfolio()));
    }

    [Property(Arbitrary = [typeof(Arbitraries)])]
    public void TopOffers_AnyBookAndN_SortedAndTheNLargest(Book book, byte n)
    {
        int topN = n % 12;
        var p = Portfolio.Create(ScoringModel.Default, book.Accounts, AsOf, topN);

        var expected = ScoringModel.Default.Score(book.Accounts, AsOf)
            .Where(s => s.Opportunity > 0)
            .OrderByDescending(s => s.Opportunity).ThenByDescending(s => s.Probability).ThenBy(s => s.Account.Id, StringComparer.Ordinal)
            .Take(topN)
            .Select(s => s.Account.Id);
        Assert.Equal(expected, p.TopOffers.Select(o => o.AccountId));
        for (int i = 1; i < p.TopOffers.Count; i++)
        {
            Assert.True(p.TopOffers[i - 1].Opportunity >= p.TopOffers[i].Opportunity);
        }
    }

    [Property(Arbitrary = [typeof(Arbitraries)])]
    public void Heatmap_SortBySignal_NonIncreasingThenMissing(Book book)
    {
        var cells = Heatmap.Build(ScoringModel.Default, book.Accounts, AsOf);

        var sorted = Heatmap.Sort(cells, "Champion");

        var values = sorted.Select(c => c.Signals.TryGetValue("Champion", out double v) ? v : double.NaN).ToList();
        int firstMissing = values.FindIndex(double.IsNaN);
        var present = firstMissing < 0 ? values : values.Take(firstMissing).ToList();
        Assert.Equal(present.OrderByDescending(v => v), present);
        Assert.All(values.Skip(present.Count), v => Assert.True(double.IsNaN(v)));
        Assert.Equal(cells.Count, sorted.Count);
    }

    private static void AssertClose(double expected, double actual)
        => Assert.True(Math.Abs(expected - actual) <= 1e-6 * Math.Max(1, Math.Abs(expected)), $"expected {expected}, was {actual}");

    public static class Arbitraries
    {
        public static Arbitrary<Book> Books() => BookGenerators.Book.ToArbitrary();
    }
}
