using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using System.Text.RegularExpressions;
using ExpansionScoring.Cli.Commands;
using static ExpansionScoring.Cli.Tests.CliHarness;

namespace ExpansionScoring.Cli.Tests.Reports;

/// <summary>The HTML report: self-contained, every text escaped, and it renders in a real browser.</summary>
public partial class PortfolioHtmlTests
{
    [Fact]
    public async Task Portfolio_HostileNames_AreHtmlEscapedEverywhere()
    {
        var result = await RunAsync("portfolio", Fixture("hostile.csv"), "--as-of", AsOfText, "--format", "html", "--quiet");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        string html = result.Stdout;
        Assert.Equal(4, ScriptTag().Matches(html).Count); // the board's meta, strings, data and code: none from a name
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\"Co\"", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(2)&gt;", html, StringComparison.Ordinal);
        Assert.Contains("Plain &#39;Quoted&#39; Ltd", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_Html_IsSelfContainedWithEverySection()
    {
        var result = await RunAsync("demo", "--format", "html", "--as-of", AsOfText);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        string html = result.Stdout;
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("Pitch Acme Corp next — $30K on the table", html, StringComparison.Ordinal);
        foreach (string section in new[] { "Pipeline by band", "Top offers", "Pitch calendar", "Whitespace heatmap", "Report card", "<svg" })
        {
            Assert.Contains(section, html, StringComparison.Ordinal);
        }

        foreach (string window in new[] { ">Now<", ">30 days<", ">60 days<", ">Nurture<" })
        {
            Assert.Contains(window, html, StringComparison.Ordinal);
        }

        Assert.Equal(8, CellPattern().Matches(html).Count);
        Assert.DoesNotContain("<script src", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Content-Security-Policy\" content=\"default-src 'none'", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.Ordinal);
        Assert.DoesNotContain("url(", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(src|href)\s*=\s*""https?:", html);
    }

    [ChromiumFact]
    public async Task Demo_Html_RendersInHeadlessChromium()
    {
        using var temp = Temp();
        string html = temp.File("report.html");
        string png = temp.File("report.png");
        var result = await RunAsync("demo", "--format", "html", "--as-of", AsOfText, "--out", html);
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
            "--disable-component-update", "--disable-sync", "--user-data-dir=" + temp.File("profile"), "--screenshot=" + png,
            "--window-size=1400,2000", new Uri(html).AbsoluteUri,
        })
        {
            start.ArgumentList.Add(arg);
        }

        using (var chromium = Process.Start(start)!)
        {
            var stdout = chromium.StandardOutput.ReadToEndAsync();
            var stderr = chromium.StandardError.ReadToEndAsync();
            using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await chromium.WaitForExitAsync(cts.Token);
            Assert.True(File.Exists(png), $"Chromium wrote no screenshot (exit {chromium.ExitCode}): {await stderr}{await stdout}");
        }

        byte[] bytes = File.ReadAllBytes(png);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], bytes[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        Assert.Equal(1400, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)));
        Assert.Equal(2000, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
        Assert.True(bytes.Length > 30_000, $"The screenshot is suspiciously small ({bytes.Length} bytes): a blank page?");

        // A rendered report has many colours: count the distinct byte values of the decompressed image data.
        byte[] pixels = Inflate(IdatData(bytes));
        Assert.True(pixels.Distinct().Count() > 64, "The screenshot is (nearly) uniform: the page did not render.");
    }

    private static byte[] IdatData(byte[] png)
    {
        using var data = new MemoryStream();
        int at = 8;
        while (at + 8 <= png.Length)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            string type = System.Text.Encoding.ASCII.GetString(png, at + 4, 4);
            if (type == "IDAT")
            {
                data.Write(png, at + 8, length);
            }

            at += 12 + length;
        }

        return data.ToArray();
    }

    private static byte[] Inflate(byte[] zlib)
    {
        using var input = new ZLibStream(new MemoryStream(zlib), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    [GeneratedRegex("<div class=\"cell\"")]
    private static partial Regex CellPattern();

    [GeneratedRegex("<script", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();
}
