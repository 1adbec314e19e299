using System.Diagnostics;
using System.Text.RegularExpressions;
using ExpansionScoring.Cli.Commands;
using static ExpansionScoring.Cli.Tests.CliHarness;

namespace ExpansionScoring.Cli.Tests.Reports;

/// <summary>The "What changed" page: self-contained, every text escaped, and what a browser builds from it has every section.</summary>
public partial class CompareHtmlTests
{
    private static Task<CliResult> CompareWeeks(params string[] more)
        => RunAsync(["compare", Fixture("week1.csv"), Fixture("week2.csv"), "--as-of-before", "2026-11-16", "--as-of", AsOfText, "--format", "html", "--quiet", .. more]);

    [Fact]
    public async Task Html_SelfContainedAndEscaped()
    {
        var result = await CompareWeeks("--all");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        string html = result.Stdout;
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(src|href)\s*=\s*""https?:", html);
        Assert.Contains("59 → 59; gate cleared: health 57 → 72; offer Nurture → Upgrade Growth → Pro; window Nurture → 30 days", html, StringComparison.Ordinal);
        Assert.Contains("=HYPERLINK(1)", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Html_HostileNameChanged_EscapedInMoversAndTasks()
    {
        using var temp = Temp();
        string before = temp.Write("before.csv", "account_id,name,segment,plan,arr,plan_fit,velocity,engagement,champion,triggers,health_score\nx,\"<img src=x onerror=alert(2)> & \"\"Co\"\"\",MidMarket,Growth,50000,60,60,60,60,60,90\n");
        string after = temp.Write("after.csv", "account_id,name,segment,plan,arr,plan_fit,velocity,engagement,champion,triggers,health_score\nx,\"<img src=x onerror=alert(2)> & \"\"Co\"\"\",MidMarket,Growth,50000,95,95,95,95,95,90\n");

        var result = await RunAsync("compare", before, after, "--as-of", AsOfText, "--format", "html", "--quiet");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.DoesNotContain("<img", result.Stdout, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(2, Regex.Matches(result.Stdout, Regex.Escape("&lt;img src=x onerror=alert(2)&gt; &amp; &quot;Co&quot;")).Count);
    }

    [ChromiumFact]
    public async Task Html_RendersInHeadlessChromium_WithEverySection()
    {
        using var temp = Temp();
        string html = temp.File("changes.html");
        var result = await CompareWeeks("--out", html);
        Assert.Equal(ExitCodes.Success, result.ExitCode);

        string dom = await DumpDom(html, temp.File("profile"));

        Assert.Contains("<h1>What changed</h1>", dom, StringComparison.Ordinal);

        // The bridge: five steps, before and after as amounts, the three movements signed.
        Assert.Equal(["Before", "Added", "Removed", "Re-scored", "After"], StepPattern().Matches(dom).Select(m => m.Groups[1].Value));
        Assert.Contains(">$113K<", dom, StringComparison.Ordinal);
        Assert.Contains(">+$7.2K<", dom, StringComparison.Ordinal);
        Assert.Contains(">−$6.1K<", dom, StringComparison.Ordinal);
        Assert.Contains(">$132K<", dom, StringComparison.Ordinal);

        string Section(string id) => Regex.Match(dom, $"id=\"{id}\".*?</(table|section|svg)>", RegexOptions.Singleline).Value;
        Assert.Equal(3, RowPattern().Matches(Section("migration")).Count);
        var movers = Section("movers");
        Assert.Equal(3, RowPattern().Matches(movers).Count);
        Assert.Contains("gate cleared: health 57 → 72", movers, StringComparison.Ordinal);
        Assert.Contains("+4.5 Triggers, +2.7 Champion", movers, StringComparison.Ordinal);
        var tasks = Section("tasks");
        Assert.Equal(5, RowPattern().Matches(tasks).Count);
        Assert.Contains("usageAlert:80", tasks, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", dom, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Loads the page in headless Chromium and returns the DOM it built.</summary>
    private static async Task<string> DumpDom(string html, string profile)
    {
        var start = new ProcessStartInfo(ChromiumFactAttribute.Executable!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile, "--dump-dom", new Uri(html).AbsoluteUri,
        })
        {
            start.ArgumentList.Add(arg);
        }

        using var chromium = Process.Start(start)!;
        var stdout = chromium.StandardOutput.ReadToEndAsync();
        var stderr = chromium.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await chromium.WaitForExitAsync(cts.Token);
        string dom = await stdout;
        Assert.True(dom.Contains("</html>", StringComparison.Ordinal), $"Chromium returned no DOM (exit {chromium.ExitCode}): {await stderr}");
        return dom;
    }

    [GeneratedRegex("data-step=\"([^\"]+)\"")]
    private static partial Regex StepPattern();

    [GeneratedRegex("<tr><td")]
    private static partial Regex RowPattern();
}
