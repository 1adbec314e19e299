using ExpansionScoring.Offers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using ExpansionScoring.Signals;
using ExpansionScoring.Windows;

namespace ExpansionScoring.Tests.Portfolios;

public class PortfolioTests
{
    private static readonly DateOnly AsOf = HandBook.AsOf;

    [Fact]
    public void Create_HandBook_TotalsAsComputedByHand()
    {
        var p = Portfolio.Create(ScoringModel.Default, HandBook.Accounts, AsOf);

        Assert.Equal(4, p.AccountCount);
        Assert.Equal(430_000, p.Arr, 6);
        Assert.Equal(32_996 + 27_056.25, p.Pipeline, 6);
        Assert.Equal(AsOf, p.AsOf);
    }

    [Fact]
    public void Create_HandBook_PerBandTotalsAsComputedByHand()
    {
        var p = Portfolio.Create(ScoringModel.Default, HandBook.Accounts, AsOf);

        Assert.Equal(["Hot", "Warm", "Watch", "Cold"], p.Bands.Keys);
        AssertBucket(p.Bands["Hot"], 1, 200_000, 32_996);
        AssertBucket(p.Bands["Warm"], 2, 180_000, 27_056.25);
        AssertBucket(p.Bands["Watch"], 1, 50_000, 0);
        AssertBucket(p.Bands["Cold"], 0, 0, 0);
    }

    [Fact]
    public void Create_HandBook_PerWindowTotalsAsComputedByHand()
    {
        var p = Portfolio.Create(ScoringModel.Default, HandBook.Accounts, AsOf);

        AssertBucket(p.Windows[PitchWindow.Now], 1, 200_000, 32_996);
        AssertBucket(p.Windows[PitchWindow.Next30Days], 1, 100_000, 27_056.25);
        AssertBucket(p.Windows[PitchWindow.Next60Days], 1, 50_000, 0);
        AssertBucket(p.Windows[PitchWindow.Nurture], 1, 80_000, 0);
    }

    [Fact]
    public void Create_GatedAccount_CountedApartAndKeepsItsBand()
    {
        var p = Portfolio.Create(ScoringModel.Default, HandBook.Accounts, AsOf);

        AssertBucket(p.Gated, 1, 80_000, 0);
        Assert.Equal(2, p.Bands["Warm"].Count); // Delta (gated) stays Warm
    }

    [Fact]
    public void Create_HandBook_TopOffersAndHeadline()
    {
        var p = Portfolio.Create(ScoringModel.Default, HandBook.Accounts, AsOf);

        Assert.Equal(["acme", "bolt"], p.TopOffers.Select(o => o.AccountId));
        Assert.Equal(OfferKind.Seats, p.TopOffers[0].Offer);
        Assert.Equal(82.49, p.TopOffers[0].Probability, 9);
        Assert.Equal("Pitch Acme Corp next — $33K on the table", p.Headline);
    }

    [Fact]
    public void Create_TopNOne_KeepsOnlyTheBest()
    {
        var p = Portfolio.Create(ScoringModel.Default, HandBook.Accounts, AsOf, topN: 1);

        Assert.Equal("acme", Assert.Single(p.TopOffers).AccountId);
    }

    [Fact]
    public void Create_TopNZero_NoOffersButHeadlineStillNamesTheBest()
    {
        var p = Portfolio.Create(ScoringModel.Default, HandBook.Accounts, AsOf, topN: 0);

        Assert.Empty(p.TopOffers);
        Assert.StartsWith("Pitch Acme Corp next", p.Headline, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_TiedDollars_HigherProbabilityThenAccountIdFirst()
    {
        // Identical signals and ARR give identical dollars and probability, so the account id decides.
        var signals = SignalValues.Of(60, 80, 75, 60, 30);
        Account[] book =
        [
            new() { Id = "b", Arr = 100_000, Signals = signals },
            new() { Id = "a", Arr = 100_000, Signals = signals },
            new() { Id = "c", Arr = 100_000, Signals = signals },
        ];

        var p = Portfolio.Create(ScoringModel.Default, book, AsOf);

        Assert.Equal(["a", "b", "c"], p.TopOffers.Select(o => o.AccountId));
    }

    [Fact]
    public void Create_EmptyBook_ZerosAndNoOfferHeadline()
    {
        var p = Portfolio.Create(ScoringModel.Default, [], AsOf);

        Assert.Equal(0, p.AccountCount);
        Assert.Equal(0, p.Pipeline);
        Assert.Empty(p.TopOffers);
        Assert.Equal("No offer on the table yet — nurture the book", p.Headline);
        Assert.All(p.Windows.Values, b => Assert.Equal(PortfolioBucket.Empty, b));
        Assert.Null(p.ReportCard.Score);
        Assert.Equal("N/A", p.ReportCard.Grade);
    }

    [Fact]
    public void Create_WindowOverride_CountsTheEffectiveWindow()
    {
        var bolt = HandBook.Bolt with { WindowOverride = new WindowOverride { Window = PitchWindow.Now, Reason = "exec asked" } };

        var p = Portfolio.Create(ScoringModel.Default, [HandBook.Acme, bolt], AsOf);

        Assert.Equal(2, p.Windows[PitchWindow.Now].Count);
        Assert.Equal(0, p.Windows[PitchWindow.Next30Days].Count);
        Assert.Equal(1, p.OverriddenCount);
    }

    [Fact]
    public void Create_HeatmapOff_ByDefault()
        => Assert.Null(Portfolio.Create(ScoringModel.Default, HandBook.Accounts, AsOf).Heatmap);

    [Fact]
    public void Create_HeatmapOn_OneCellPerAccountByProbability()
    {
        var p = Portfolio.Create(ScoringModel.Default, HandBook.Accounts, AsOf, new PortfolioOptions { IncludeHeatmap = true });

        Assert.NotNull(p.Heatmap);
        Assert.Equal(["acme", "delta", "bolt", "cirrus"], p.Heatmap.Select(c => c.AccountId));
        var acme = p.Heatmap[0];
        Assert.Equal("Hot", acme.Band);
        Assert.Equal(85, acme.Signals["Champion"]);
        Assert.Equal(200_000, acme.Arr);
        Assert.Equal(32_996, acme.Opportunity, 6);
    }

    [Fact]
    public async Task CreateAsync_SameBookAsSync_SamePortfolio()
    {
        var sync = Portfolio.Create(ScoringModel.Default, HandBook.Accounts, AsOf, new PortfolioOptions { IncludeHeatmap = true });

        var async = await Portfolio.CreateAsync(ScoringModel.Default, Stream(HandBook.Accounts), AsOf, new PortfolioOptions { IncludeHeatmap = true });

        Assert.Equal(JsonSerializer.Serialize(sync), JsonSerializer.Serialize(async));
    }

    [Fact]
    public async Task CreateAsync_Cancelled_Throws()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Portfolio.CreateAsync(ScoringModel.Default, Stream(HandBook.Accounts), AsOf, cancellationToken: cts.Token));
    }

    [Fact]
    public void Portfolio_SerializesToJson_BandsByNameWindowsByEnumName()
    {
        var json = JsonSerializer.Serialize(Portfolio.Create(ScoringModel.Default, HandBook.Accounts, AsOf));

        using var doc = JsonDocument.Parse(json);
        Assert.Equal(1, doc.RootElement.GetProperty("Bands").GetProperty("Hot").GetProperty("Count").GetInt32());
        Assert.Equal(1, doc.RootElement.GetProperty("Windows").GetProperty("Now").GetProperty("Count").GetInt32());
        Assert.Equal("A", doc.RootElement.GetProperty("ReportCard").GetProperty("Grade").GetString());
    }

    [Fact]
    public void Create_NullModel_Throws()
        => Assert.Throws<ArgumentNullException>("model", () => Portfolio.Create(null!, HandBook.Accounts, AsOf));

    [Fact]
    public void Create_NullAccounts_Throws()
        => Assert.Throws<ArgumentNullException>("accounts", () => Portfolio.Create(ScoringModel.Default, null!, AsOf));

    [Fact]
    public void Create_NullAccountInBook_Throws()
        => Assert.Throws<ArgumentNullException>("accounts", () => Portfolio.Create(ScoringModel.Default, [HandBook.Acme, null!], AsOf));

    [Fact]
    public void Create_NegativeTopN_Throws()
        => Assert.Throws<ArgumentOutOfRangeException>("topN", () => Portfolio.Create(ScoringModel.Default, HandBook.Accounts, AsOf, topN: -1));

    [Fact]
    public async Task CreateAsync_NullAccounts_Throws()
        => await Assert.ThrowsAsync<ArgumentNullException>("accounts", () => Portfolio.CreateAsync(ScoringModel.Default, null!, AsOf));

    private static void AssertBucket(PortfolioBucket bucket, int count, double arr, double opportunity)
    {
        Assert.Equal(count, bucket.Count);
        Assert.Equal(arr, bucket.Arr, 6);
        Assert.Equal(opportunity, bucket.Opportunity, 6);
    }

    private static async IAsyncEnumerable<Account> Stream(IEnumerable<Account> accounts, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var account in accounts)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            yield return account;
        }
    }
}
