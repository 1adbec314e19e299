using ExpansionScoring.Windows;

namespace ExpansionScoring.Tests.Windows;

/// <summary>An override is a person's decision: it names a real window and says why.</summary>
public class WindowOverrideGuardTests
{
    [Fact]
    public void Window_Undefined_Throws()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new WindowOverride { Window = (PitchWindow)42, Reason = "r" });

        Assert.Equal("Window", ex.ParamName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Reason_Blank_Throws(string reason)
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => new WindowOverride { Window = PitchWindow.Now, Reason = reason });

        Assert.Equal("Reason", ex.ParamName);
    }

    [Fact]
    public void Values_AreKeptAsGiven()
    {
        var created = new DateTimeOffset(2026, 3, 1, 9, 30, 0, TimeSpan.Zero);
        var o = new WindowOverride { Window = PitchWindow.Next30Days, Reason = "budget cycle", Author = "kim", CreatedAt = created, ExpiresOn = new DateOnly(2026, 4, 1) };

        Assert.Equal(PitchWindow.Next30Days, o.Window);
        Assert.Equal("budget cycle", o.Reason);
        Assert.Equal("kim", o.Author);
        Assert.Equal(created, o.CreatedAt);
        Assert.Equal(new DateOnly(2026, 4, 1), o.ExpiresOn);
        Assert.Equal(o, o with { });
        Assert.NotEqual(o, o with { Reason = "other" });
    }

    [Fact]
    public void IsActiveOn_TheDayBeforeAndTheDayOfExpiry_AndNotAfter()
    {
        var o = new WindowOverride { Window = PitchWindow.Now, Reason = "r", ExpiresOn = new DateOnly(2026, 3, 2) };

        Assert.True(o.IsActiveOn(new DateOnly(2026, 3, 1)));
        Assert.True(o.IsActiveOn(new DateOnly(2026, 3, 2)));
        Assert.False(o.IsActiveOn(new DateOnly(2026, 3, 3)));
        Assert.True(new WindowOverride { Window = PitchWindow.Now, Reason = "r" }.IsActiveOn(DateOnly.MinValue));
    }
}
