using ExpansionScoring.Cli.Demo;
using ExpansionScoring.Offers;

namespace ExpansionScoring.Cli.Tests.Demo;

/// <summary>The demo book reproduces SPEC §11's reference headline, each figure within 1K, under the default rules.</summary>
public class DemoBookTests
{
    private const double OneK = 1_000;

    private static readonly IReadOnlyList<AccountScore> Scores = [.. ScoringModel.Default.Score(DemoBook.Create(CliHarness.AsOf), CliHarness.AsOf)];

    [Fact]
    public void Create_EightAccounts_556KArrAnd98KPipeline()
    {
        Assert.Equal(8, Scores.Count);
        Assert.Equal(556_000, Scores.Sum(s => s.Account.Arr), 6);
        Assert.Equal(98_000, Scores.Sum(s => s.Opportunity), OneK);
    }

    [Theory]
    [InlineData("Hot", 2, 276_000, 45_000)]
    [InlineData("Warm", 3, 168_000, 29_000)]
    [InlineData("Watch", 3, 112_000, 24_000)]
    [InlineData("Cold", 0, 0, 0)]
    public void Create_PerBand_MatchesTheReferenceWithin1K(string band, int count, double arr, double opportunity)
    {
        var inBand = Scores.Where(s => s.Band.Name == band).ToList();

        Assert.Equal(count, inBand.Count);
        Assert.Equal(arr, inBand.Sum(s => s.Account.Arr), OneK);
        Assert.Equal(opportunity, inBand.Sum(s => s.Opportunity), OneK);
    }

    [Fact]
    public void Create_AcmeCorp_IsTheTopOfferThenVoltIndustries()
    {
        var byOpportunity = Scores.OrderByDescending(s => s.Opportunity).ToList();

        var acme = byOpportunity[0];
        Assert.Equal("Acme Corp", acme.Account.Name);
        Assert.Equal(OfferKind.Seats, acme.Offer);
        Assert.Equal(84, acme.Probability, 0.5);
        Assert.Equal(81.0 / 88, acme.Account.GetSeatSaturation()!.Value, 9);
        Assert.Equal(90, acme.Account.Signals[Signals.SignalKey.Velocity]);
        Assert.Equal(30_000, acme.Opportunity, OneK);

        var volt = Scores.Single(s => s.Account.Name == "Volt Industries");
        Assert.Equal(OfferKind.Seats, volt.Offer);
        Assert.Equal(76, volt.Probability, 0.5);
        Assert.Equal(67.0 / 73, volt.Account.GetSeatSaturation()!.Value, 9);
        Assert.Equal(88, volt.Account.Signals[Signals.SignalKey.Velocity]);
        Assert.Equal(15_000, volt.Opportunity, OneK);
        Assert.Equal("Hot", volt.Band.Name);
    }

    [Fact]
    public void Create_TopThree_AreTheCalculatorsInItsOrderWithItsLabels()
    {
        var explained = DemoBook.Create(CliHarness.AsOf).Select(a => ScoringModel.Default.Explain(a, CliHarness.AsOf))
            .OrderByDescending(s => s.Opportunity).ToList();

        Assert.Equal(["Acme Corp", "Volt Industries", "Helix BioTech"], explained.Take(3).Select(s => s.Name));
        Assert.Equal(["Add 28 seats", "Add 23 seats", "Upgrade Pro → Enterprise"], explained.Take(3).Select(s => s.OfferLabel));
        Assert.Equal([84, 76, 47], explained.Take(3).Select(s => Math.Round(s.Probability)));
        Assert.Equal([30_000, 15_000, 13_000], explained.Take(3).Select(s => Math.Round(s.Opportunity / OneK) * OneK));
        Assert.All(explained.Skip(3), s => Assert.True(s.Opportunity < explained[2].Opportunity, $"{s.Name} ({s.Opportunity:N0}) lies above Helix BioTech"));
    }

    [Fact]
    public async Task Demo_TopOffers_ListTheCalculatorsTopThreeFirst()
    {
        var result = await CliHarness.RunAsync("demo", "--format", "json", "--as-of", CliHarness.AsOfText);
        using var json = System.Text.Json.JsonDocument.Parse(result.Stdout);

        var top = json.RootElement.GetProperty("topOffers").EnumerateArray().Take(3)
            .Select(o => (o.GetProperty("name").GetString(), o.GetProperty("offerLabel").GetString())).ToList();
        Assert.Equal([("Acme Corp", "Add 28 seats"), ("Volt Industries", "Add 23 seats"), ("Helix BioTech", "Upgrade Pro → Enterprise")], top);
    }

    [Fact]
    public void Create_HelixBioTech_TierProToEnterpriseAt47()
    {
        var account = DemoBook.Create(CliHarness.AsOf).Single(a => a.Name == "Helix BioTech");
        var helix = ScoringModel.Default.Explain(account, CliHarness.AsOf);

        Assert.Equal(OfferKind.Tier, helix.Offer);
        Assert.Equal("Upgrade Pro → Enterprise", helix.OfferLabel);
        Assert.Equal(47, helix.Probability, 0.5);
        Assert.Equal("Watch", helix.Band);
        Assert.Equal(40, account.Signals[Signals.SignalKey.Engagement]);
        Assert.Equal(50, account.Signals[Signals.SignalKey.Velocity]);
        Assert.Equal(13_000, helix.Opportunity, OneK);
    }

    [Fact]
    public void Create_EveryGateEvaluatedAndPassed()
    {
        Assert.All(Scores, s =>
        {
            Assert.False(s.IsGated);
            Assert.Equal(Gates.GateFlags.None, s.GatesNotEvaluated);
        });
    }

    [Fact]
    public void Create_FiguresDoNotDependOnTheAsOfDate()
    {
        var later = new DateOnly(2031, 2, 28);
        var again = ScoringModel.Default.Score(DemoBook.Create(later), later).ToList();

        Assert.Equal(Scores.Select(s => s.Opportunity), again.Select(s => s.Opportunity));
        Assert.Equal(Scores.Select(s => s.EffectiveWindow), again.Select(s => s.EffectiveWindow));
    }
}
