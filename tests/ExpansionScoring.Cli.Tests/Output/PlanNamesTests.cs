using System.Text;
using ExpansionScoring.Cli.Commands;
using FsCheck.Xunit;

namespace ExpansionScoring.Cli.Tests.Output;

/// <summary><see cref="PlanNames"/> gives the string of the bytes asked for, whatever it held before (slots shared by other names, bytes that are not UTF-8).</summary>
public sealed class PlanNamesTests
{
    [Property(MaxTest = 300)]
    public void Get_IsTheStringOfTheBytes(byte[][] names, byte[] asked)
    {
        var plans = new PlanNames();
        foreach (var name in (byte[][])[.. names, asked, .. names, asked])
        {
            Assert.Equal(Encoding.UTF8.GetString(name), plans.Get(name));
        }
    }

    [Fact]
    public void Get_SameBytesTwice_GivesTheSameString()
    {
        var plans = new PlanNames();
        string first = plans.Get("Growth"u8);
        Assert.Same(first, plans.Get("Growth"u8));
        Assert.Equal("Pro", plans.Get("Pro"u8));
        Assert.Equal(string.Empty, plans.Get([]));
    }
}
