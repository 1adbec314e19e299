using System.Diagnostics;
using ExpansionScoring.Cli.Commands;
using static ExpansionScoring.Cli.Tests.CliHarness;

namespace ExpansionScoring.Cli.Tests.Reports;

/// <summary>
/// The HTML report as the browser builds it (headless Chromium's DOM after load): what the page says, and that no
/// script runs but the report's own. Hostile names carry payloads that mark the page if they ever run; the scripts
/// in the rendered page are exactly the scripts a report of a harmless book has (the report's own, if any).
/// </summary>
public class HtmlRenderedContentTests
{
    private static readonly string[] Payloads =
    [
        "<script>document.documentElement.setAttribute('data-pwned','script')</script>",
        "<img src=x onerror=\"document.documentElement.setAttribute('data-pwned','img')\">",
        "<svg onload=\"document.documentElement.setAttribute('data-pwned','svg')\"></svg>",
        "\"><iframe srcdoc=\"<script>parent.document.documentElement.setAttribute('data-pwned','iframe')</script>\"></iframe>",
        "</title><script>document.documentElement.setAttribute('data-pwned','title')</script>",
        "javascript:document.documentElement.setAttribute('data-pwned','href')",
    ];

    [ChromiumFact]
    public async Task Portfolio_HostileBook_RendersItsContentAndRunsNoInjectedScript()
    {
        using var temp = Temp();
        var rows = Payloads.Select((p, i) => $"h{i},\"{p.Replace("\"", "\"\"", StringComparison.Ordinal)}\",MidMarket,\"{p.Replace("\"", "\"\"", StringComparison.Ordinal)}\",{(i + 1) * 10000},{90 - i},80,80,80,80");
        string book = temp.Write("hostile.csv", "account_id,name,segment,plan,arr,plan_fit,velocity,engagement,champion,triggers\n" + string.Join('\n', rows) + "\n");
        string harmless = temp.Write("harmless.csv", "account_id,name,segment,plan,arr,plan_fit,velocity,engagement,champion,triggers\nh0,Acme,MidMarket,Pro,10000,90,80,80,80,80\n");

        string dom = await RenderAsync(temp, book, "hostile");
        string harmlessDom = await RenderAsync(temp, harmless, "harmless");

        var page = Parse(dom);
        var harmlessPage = Parse(harmlessDom);

        // Nothing injected ran: every payload would have marked the root element.
        Assert.False(page.DocumentElement.HasAttribute("data-pwned"), $"an injected script ran: {page.DocumentElement.GetAttribute("data-pwned")}");

        // Nothing that could run is in the page but the report's own scripts: no handler attributes, no frames,
        // no javascript: links, and exactly the scripts a harmless book's report has.
        var all = page.All.ToList();
        Assert.DoesNotContain(all, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
        Assert.DoesNotContain(all, e => e.LocalName is "iframe" or "frame" or "object" or "embed");
        Assert.DoesNotContain(all, e => e.Attributes.Any(a => a.Name is "href" or "src" or "action" or "formaction" && a.Value.TrimStart().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase)));
        // The board's data travels in JSON script elements, which the browser never runs: their ids must match, and the
        // scripts that do run must be exactly the harmless report's.
        static bool IsData(AngleSharp.Html.Dom.IHtmlScriptElement s) => s.Type == "application/json";
        Assert.Equal(harmlessPage.Scripts.Where(IsData).Select(s => s.Id), page.Scripts.Where(IsData).Select(s => s.Id));
        Assert.Equal(harmlessPage.Scripts.Where(s => !IsData(s)).Select(s => s.OuterHtml), page.Scripts.Where(s => !IsData(s)).Select(s => s.OuterHtml));

        // What the page says: the headline, every section, and each hostile name shown as text.
        string text = page.Body!.TextContent;
        Assert.Matches(@"Pitch .+ next — \$[0-9.,]+K? on the table", page.QuerySelector("h1")?.TextContent ?? text);
        foreach (string section in new[] { "Pipeline by band", "Top offers", "Pitch calendar", "Report card" })
        {
            Assert.Contains(section, text, StringComparison.Ordinal);
        }

        foreach (string payload in Payloads)
        {
            Assert.Contains(payload, text, StringComparison.Ordinal);
        }

        Assert.Contains("6 accounts", text, StringComparison.Ordinal);
    }

    private static AngleSharp.Dom.IDocument Parse(string html)
        => new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);

    private static async Task<string> RenderAsync(TempFolder temp, string book, string name)
    {
        string html = temp.File(name + ".html");
        var result = await RunAsync("portfolio", book, "--format", "html", "--as-of", AsOfText, "--out", html, "--quiet");
        Assert.Equal(ExitCodes.Success, result.ExitCode);

        var start = new ProcessStartInfo(ChromiumFactAttribute.Executable!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--user-data-dir=" + temp.File("profile-" + name), "--virtual-time-budget=3000",
            "--dump-dom", new Uri(html).AbsoluteUri,
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
        Assert.True(dom.Contains("</html>", StringComparison.OrdinalIgnoreCase), $"Chromium gave no DOM (exit {chromium.ExitCode}): {await stderr}");
        return dom;
    }
}
