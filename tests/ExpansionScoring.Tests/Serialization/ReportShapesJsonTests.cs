using System.Text.Json;
using ExpansionScoring.Calibration;
using ExpansionScoring.History;
using ExpansionScoring.Reporting;
using ExpansionScoring.Serialization;
using ExpansionScoring.Signals;
using FsCheck.Xunit;

namespace ExpansionScoring.Tests.Serialization;

/// <summary>The summary shapes (portfolio, report card, book changes, calibration) are in the source-generated context and round-trip.</summary>
public class ReportShapesJsonTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 23);

    [Property(Arbitrary = [typeof(ExpansionScoringJsonTests.Arbitraries)], MaxTest = 50)]
    public bool RoundTrip_AnyPortfolioWithHeatmap_IsLossless(Account[] accounts)
    {
        var book = accounts.DistinctBy(a => a.Id).ToList();
        var portfolio = Portfolio.Create(ScoringModel.Default, book, AsOf, new PortfolioOptions { IncludeHeatmap = true, TopN = 3 });

        string json = JsonSerializer.Serialize(portfolio, ExpansionScoringJson.Options);
        var back = JsonSerializer.Deserialize<Portfolio>(json, ExpansionScoringJson.Options)!;

        return json == JsonSerializer.Serialize(back, ExpansionScoringJson.Options)
            && back.AccountCount == portfolio.AccountCount && back.Pipeline.Equals(portfolio.Pipeline)
            && back.Bands.Keys.SequenceEqual(portfolio.Bands.Keys) && back.Windows.Count == portfolio.Windows.Count
            && back.TopOffers.SequenceEqual(portfolio.TopOffers)
            && back.ReportCard.Grade == portfolio.ReportCard.Grade
            && back.Heatmap!.Count == portfolio.Heatmap!.Count;
    }

    [Fact]
    public void Serialize_Portfolio_WritesEnumsAndWindowKeysAsNames()
    {
        var account = new Account { Id = "a", Name = "A", Arr = 100_000, Segment = Segment.MidMarket, Plan = "Pro", Signals = SignalValues.Of(90, 90, 90, 90, 90), SeatsPurchased = 50, SeatsActive = 49, DaysToRenewal = 40 };
        var portfolio = Portfolio.Create(ScoringModel.Default, [account], AsOf);

        using var doc = JsonDocument.Parse(JsonSerializer.Serialize(portfolio, ExpansionScoringJson.Options));
        var root = doc.RootElement;

        Assert.True(root.GetProperty("Windows").TryGetProperty("Next30Days", out _));
        Assert.Equal("Seats", root.GetProperty("TopOffers")[0].GetProperty("Offer").GetString());
        Assert.StartsWith("Add ", root.GetProperty("TopOffers")[0].GetProperty("OfferLabel").GetString(), StringComparison.Ordinal);
        Assert.Equal("AccountExpansion", root.GetProperty("ReportCard").GetProperty("Dimensions")[0].GetProperty("Dimension").GetString());
    }

    [Property(Arbitrary = [typeof(ExpansionScoringJsonTests.Arbitraries)], MaxTest = 30)]
    public bool RoundTrip_AnyBookChanges_IsLossless(Account[] earlierBook, Account[] laterBook)
    {
        var earlier = BookSnapshot.Create(ScoringModel.Default, earlierBook.DistinctBy(a => a.Id), AsOf);
        var later = BookSnapshot.Create(ScoringModel.Default, laterBook.DistinctBy(a => a.Id), AsOf.AddDays(30));
        var changes = BookChanges.Compare(earlier, later);

        string json = JsonSerializer.Serialize(changes, ExpansionScoringJson.Options);
        var back = JsonSerializer.Deserialize<BookChanges>(json, ExpansionScoringJson.Options)!;

        return json == JsonSerializer.Serialize(back, ExpansionScoringJson.Options)
            && back.Accounts.Count == changes.Accounts.Count && back.PipelineChange.Equals(changes.PipelineChange);
    }

    [Fact]
    public void RoundTrip_HistoryAndCalibration_IsLossless()
    {
        HistoricalOutcome[] history =
        [
            .. Enumerable.Range(0, 40).Select(i => new HistoricalOutcome
            {
                AccountId = $"a{i}",
                Probability = 5 + (i * 2),
                Composite = i * 2.5,
                Band = i >= 30 ? "Hot" : "Warm",
                Expanded = i % 3 == 0 || i > 32,
                ExpansionDollars = i > 32 ? 10_000 : 0,
                Signals = SignalValues.Of(i * 2.5, i * 2.5, i * 2.5, i * 2.5, i * 2.5),
            }),
        ];
        string historyJson = JsonSerializer.Serialize(history, ExpansionScoringJson.Options);
        var historyBack = JsonSerializer.Deserialize<HistoricalOutcome[]>(historyJson, ExpansionScoringJson.Options)!;
        Assert.Equal(history, historyBack, (a, b) => a.AccountId == b.AccountId && a.Signals.SequenceEqual(b.Signals) && a.Expanded == b.Expanded);

        var report = Backtest.Evaluate(history);
        var reportBack = JsonSerializer.Deserialize<CalibrationReport>(JsonSerializer.Serialize(report, ExpansionScoringJson.Options), ExpansionScoringJson.Options)!;
        Assert.Equal(report.Auc, reportBack.Auc);
        Assert.Equal(report.Reliability, reportBack.Reliability);
        Assert.Equal(report.Bands, reportBack.Bands);

        var fit = Calibrator.FitProbabilityTransform(history);
        var fitBack = JsonSerializer.Deserialize<TransformFit>(JsonSerializer.Serialize(fit, ExpansionScoringJson.Options), ExpansionScoringJson.Options)!;
        Assert.Equal(fit.Transform.Slope, fitBack.Transform.Slope);
        Assert.Equal(fit.Transform.Intercept, fitBack.Transform.Intercept);

        var weights = Calibrator.FitWeights(history);
        string weightsJson = JsonSerializer.Serialize(weights, ExpansionScoringJson.Options);
        Assert.Equal(weightsJson, JsonSerializer.Serialize(JsonSerializer.Deserialize<WeightFit>(weightsJson, ExpansionScoringJson.Options), ExpansionScoringJson.Options));
    }

    [Fact]
    public void RoundTrip_ReportCard_KeepsEveryDimension()
    {
        var card = Portfolio.Create(ScoringModel.Default, [new Account { Id = "a", Arr = 1, Signals = SignalValues.Of(50, 50, 50, 50, 50) }], AsOf).ReportCard;

        var back = JsonSerializer.Deserialize<ReportCard>(JsonSerializer.Serialize(card, ExpansionScoringJson.Options), ExpansionScoringJson.Options)!;

        Assert.Equal(card.Dimensions, back.Dimensions);
        Assert.Equal(card.Advice, back.Advice);
    }
}
