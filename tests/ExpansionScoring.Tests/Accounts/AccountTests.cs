using ExpansionScoring.Signals;

namespace ExpansionScoring.Tests.Accounts;

public class AccountTests
{
    [Theory]
    [InlineData(-1)]
    [InlineData(-0.01)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Arr_NegativeOrNotFinite_Throws(double arr)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new Account { Id = "a", Arr = arr });
        Assert.Equal("Arr", ex.ParamName);
    }

    [Fact]
    public void Arr_Zero_IsAccepted()
    {
        Assert.Equal(0, new Account { Id = "a", Arr = 0 }.Arr);
    }

    [Fact]
    public void Id_Null_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => new Account { Id = null! });
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Id_EmptyOrWhiteSpace_ThrowsArgumentException(string id)
    {
        var ex = Assert.Throws<ArgumentException>(() => new Account { Id = id });
        Assert.Equal("Id", ex.ParamName);
    }

    [Fact]
    public void Segment_Undefined_Throws()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new Account { Id = "a", Segment = (Segment)42 });
        Assert.Equal("Segment", ex.ParamName);
    }

    [Fact]
    public void Segment_NotSet_IsMidMarket()
    {
        Assert.Equal(Segment.MidMarket, new Account { Id = "a" }.Segment);
    }

    [Theory]
    [InlineData(101)]
    [InlineData(100.0001)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.NegativeInfinity)]
    public void HealthScore_OutsideZeroToHundred_Throws(double health)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new Account { Id = "a", HealthScore = health });
        Assert.Equal("HealthScore", ex.ParamName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    public void HealthScore_AtBounds_IsAccepted(double health)
    {
        Assert.Equal(health, new Account { Id = "a", HealthScore = health }.HealthScore);
    }

    [Fact]
    public void SeatsPurchased_Negative_Throws()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new Account { Id = "a", SeatsPurchased = -1 });
        Assert.Equal("SeatsPurchased", ex.ParamName);
    }

    [Fact]
    public void SeatsActive_Negative_Throws()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new Account { Id = "a", SeatsActive = -3 });
        Assert.Equal("SeatsActive", ex.ParamName);
    }

    [Theory]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void SeatSaturation_NegativeOrNotFinite_Throws(double saturation)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new Account { Id = "a", SeatSaturation = saturation });
        Assert.Equal("SeatSaturation", ex.ParamName);
    }

    [Fact]
    public void OpenP1P2Tickets_Negative_Throws()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new Account { Id = "a", OpenP1P2Tickets = -1 });
        Assert.Equal("OpenP1P2Tickets", ex.ParamName);
    }

    [Fact]
    public void Metrics_NaNValue_Throws()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(
            () => new Account { Id = "a", Metrics = new Dictionary<string, double> { ["nps"] = double.NaN } });
        Assert.Equal("Metrics", ex.ParamName);
    }

    [Fact]
    public void Signals_Null_IsEmpty()
    {
        Assert.Same(SignalValues.Empty, new Account { Id = "a", Signals = null! }.Signals);
    }

    [Fact]
    public void DisplayName_NoName_FallsBackToId()
    {
        Assert.Equal("acme", new Account { Id = "acme" }.DisplayName);
        Assert.Equal("Acme Corp", new Account { Id = "acme", Name = "Acme Corp" }.DisplayName);
    }

    [Fact]
    public void GetSeatSaturation_Counts_IsActiveOverPurchased()
    {
        Assert.Equal(0.92, new Account { Id = "a", SeatsActive = 92, SeatsPurchased = 100 }.GetSeatSaturation());
    }

    [Fact]
    public void GetSeatSaturation_RatioGiven_WinsOverCounts()
    {
        Assert.Equal(0.5, new Account { Id = "a", SeatSaturation = 0.5, SeatsActive = 92, SeatsPurchased = 100 }.GetSeatSaturation());
    }

    [Fact]
    public void GetSeatSaturation_ZeroPurchasedOrMissingCount_IsNull()
    {
        Assert.Null(new Account { Id = "a", SeatsActive = 5, SeatsPurchased = 0 }.GetSeatSaturation());
        Assert.Null(new Account { Id = "a", SeatsActive = 5 }.GetSeatSaturation());
    }

    [Fact]
    public void GetDaysToRenewal_RenewalDate_ResolvedAgainstAsOf()
    {
        var account = new Account { Id = "a", RenewalDate = new DateOnly(2026, 5, 1) };
        Assert.Equal(60, account.GetDaysToRenewal(new DateOnly(2026, 3, 2)));
        Assert.Equal(-1, account.GetDaysToRenewal(new DateOnly(2026, 5, 2)));
    }

    [Fact]
    public void GetDaysToRenewal_DaysGiven_WinsOverDate()
    {
        var account = new Account { Id = "a", DaysToRenewal = 10, RenewalDate = new DateOnly(2026, 5, 1) };
        Assert.Equal(10, account.GetDaysToRenewal(new DateOnly(2026, 3, 2)));
    }

    [Fact]
    public void GetDaysToRenewal_Unknown_IsNull()
    {
        Assert.Null(new Account { Id = "a" }.GetDaysToRenewal(TestData.AsOf));
    }

    [Fact]
    public void Metrics_CallerChangesTheDictionaryAfterwards_AccountKeepsWhatItWasBuiltWith()
    {
        var metrics = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase) { ["nps"] = 40 };
        var account = new Account { Id = "a", Arr = 1, Metrics = metrics };

        metrics["nps"] = -100;
        metrics["csat"] = 1;

        Assert.Equal(40, account.Metrics!["NPS"]);
        Assert.False(account.Metrics.ContainsKey("csat"));
        Assert.IsNotType<Dictionary<string, double>>(account.Metrics);
    }
}
