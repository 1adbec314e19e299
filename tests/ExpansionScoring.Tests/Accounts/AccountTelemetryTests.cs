namespace ExpansionScoring.Tests.Accounts;

public class AccountTelemetryTests
{
    [Theory]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void MeteredUsageSaturation_NegativeOrNaN_Throws(double value)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new AccountTelemetry { MeteredUsageSaturation = value });
        Assert.Equal("MeteredUsageSaturation", ex.ParamName);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void UsageTrendPercent_NotFinite_Throws(double value)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new AccountTelemetry { UsageTrendPercent = value });
        Assert.Equal("UsageTrendPercent", ex.ParamName);
    }

    [Fact]
    public void UsageTrendPercent_Negative_IsAccepted()
    {
        Assert.Equal(-45, new AccountTelemetry { UsageTrendPercent = -45 }.UsageTrendPercent);
    }

    [Fact]
    public void Counts_Negative_Throw()
    {
        Assert.Equal("FeaturesUsed", Assert.Throws<ArgumentOutOfRangeException>(() => new AccountTelemetry { FeaturesUsed = -1 }).ParamName);
        Assert.Equal("FeaturesAvailable", Assert.Throws<ArgumentOutOfRangeException>(() => new AccountTelemetry { FeaturesAvailable = -1 }).ParamName);
        Assert.Equal("ActiveDepartments", Assert.Throws<ArgumentOutOfRangeException>(() => new AccountTelemetry { ActiveDepartments = -1 }).ParamName);
        Assert.Equal("ChampionLastTouchDays", Assert.Throws<ArgumentOutOfRangeException>(() => new AccountTelemetry { ChampionLastTouchDays = -1 }).ParamName);
    }
}
