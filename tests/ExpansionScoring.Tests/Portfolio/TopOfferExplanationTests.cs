using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ExpansionScoring.Tests.Portfolios;

/// <summary>Each top offer carries its account's explanation: the rationale and the confidence of <see cref="ScoringModel.Explain"/>.</summary>
public class TopOfferExplanationTests
{
    [Property(Arbitrary = [typeof(PortfolioPropertyTests.Arbitraries)])]
    public void Create_AnyBook_TopOffersCarryTheRationaleAndConfidenceOfExplain(Book book)
    {
        var model = ScoringModel.Default;
        var portfolio = Portfolio.Create(model, book.Accounts, BookGenerators.AsOf, topN: 5);
        var byId = book.Accounts.GroupBy(a => a.Id).ToDictionary(g => g.Key, g => g.First());

        foreach (var offer in portfolio.TopOffers)
        {
            var explained = model.Explain(byId[offer.AccountId], BookGenerators.AsOf);
            Assert.Equal(explained.Rationale, offer.Rationale);
            Assert.Equal(explained.Confidence, offer.Confidence);
            Assert.Equal(explained.Band, offer.Band);
            Assert.Equal(explained.EffectiveWindow, offer.EffectiveWindow);
        }
    }

    [Fact]
    public void WritePortfolioSummary_TopOffers_CarryBandWindowRationaleAndConfidence()
    {
        var account = new Account { Id = "acme", Name = "Acme", Arr = 100_000, SeatsPurchased = 88, SeatsActive = 81, Signals = ExpansionScoring.Signals.SignalValues.Of(92, 90, 84, 88, 80) };
        var portfolio = Portfolio.Create(ScoringModel.Default, [account], BookGenerators.AsOf);
        using var buffer = new MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            ExpansionScoring.Serialization.ExpansionScoringJson.WritePortfolioSummary(writer, portfolio);
        }

        using var json = System.Text.Json.JsonDocument.Parse(buffer.ToArray());
        var offer = json.RootElement.GetProperty("TopOffers")[0];
        Assert.Equal("Hot", offer.GetProperty("Band").GetString());
        Assert.Equal("Now", offer.GetProperty("Window").GetString());
        Assert.Equal("Seats at 92 % of plan ceiling with usage velocity 90/100 — capacity upsell", offer.GetProperty("Rationale").GetString());
        Assert.Equal("High", offer.GetProperty("Confidence").GetString());
    }
}
