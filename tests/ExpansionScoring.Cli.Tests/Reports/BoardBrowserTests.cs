using System.Text.Json;
using ExpansionScoring.Cli.Commands;
using PuppeteerSharp;
using PuppeteerSharp.Input;
using Xunit.Abstractions;
using static ExpansionScoring.Cli.Tests.CliHarness;

namespace ExpansionScoring.Cli.Tests.Reports;

/// <summary>
/// The interactive board in a real browser (the Debian chromium, driven over its DevTools protocol by PuppeteerSharp;
/// no browser is ever downloaded): sort, filter, search, drill down, drag a card, download the overrides and feed them
/// back to <c>--overrides</c> — with no console error and no network request.
/// </summary>
public sealed class BoardBrowserTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly TempFolder temp = Temp();
    private readonly List<string> problems = [];
    private IBrowser? browser;

    public async Task InitializeAsync()
    {
        if (ChromiumFactAttribute.Executable is not { } executable)
        {
            return;
        }

        browser = await Puppeteer.LaunchAsync(new LaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            UserDataDir = temp.File("profile"),
            Timeout = (int)Wait.TotalMilliseconds,
        });
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.CloseAsync();
            await browser.DisposeAsync();
        }

        temp.Dispose();
    }

    [ChromiumFact]
    public async Task Board_SortFilterSearch_ActOnEveryListedAccount()
    {
        var page = await OpenAsync(await ReportAsync("demo"));
        await SaveScreenshotsAsync(page);

        Assert.Equal(8, await RowCountAsync(page));
        Assert.Equal("Acme Corp", await FirstRowNameAsync(page)); // by opportunity, largest first

        await page.ClickAsync("#list-head th[data-key=name] button");
        Assert.Equal("Acme Corp", await FirstRowNameAsync(page));
        Assert.Equal("ascending", await page.EvaluateExpressionAsync<string>("document.querySelector('#list-head th[data-key=name]').getAttribute('aria-sort')"));
        await page.ClickAsync("#list-head th[data-key=name] button");
        Assert.Equal("Volt Industries", await FirstRowNameAsync(page));

        await page.SelectAsync("#filter-band", "Watch");
        Assert.Equal(3, await RowCountAsync(page));
        Assert.Equal(["Umbrella Health", "Stark Logistics", "Helix BioTech"], await RowNamesAsync(page));
        await page.SelectAsync("#filter-band", string.Empty);
        await page.SelectAsync("#filter-window", "Next60Days");
        Assert.Equal(2, await RowCountAsync(page));
        await page.SelectAsync("#filter-window", string.Empty);

        await page.TypeAsync("#search", "volt");
        Assert.Equal(["Volt Industries"], await RowNamesAsync(page));

        await page.SelectAsync("#heat-sort", "Champion");
        Assert.Equal("Acme Corp", await page.EvaluateExpressionAsync<string>("document.querySelector('#heat-grid .cell .n').textContent"));
        Assert.Equal("88", await page.EvaluateExpressionAsync<string>("document.querySelector('#heat-grid .cell .p').textContent"));
        Assert.True(await page.EvaluateExpressionAsync<bool>("document.querySelector('#heat-grid .cell[data-id=acme]').classList.contains('pulse')"));
        Assert.Empty(problems);
    }

    [ChromiumFact]
    public async Task Board_DrillDown_ShowsWhatScoreJsonSays()
    {
        string book = Fixture("book.csv");
        var page = await OpenAsync(await ReportAsync("portfolio", book));
        var score = await RunAsync("score", book, "--as-of", AsOfText, "--format", "json", "--pitch", "--quiet");
        var accounts = score.Json().GetProperty("accounts").EnumerateArray().ToList();

        Assert.Equal(accounts.Count, await RowCountAsync(page));
        foreach (var expected in accounts)
        {
            string id = expected.GetProperty("accountId").GetString()!;
            await page.EvaluateFunctionAsync("id => document.querySelector(`#list-body tr[data-id=\"${CSS.escape(id)}\"] button`).click()", id);
            await page.WaitForSelectorAsync($"#drill[data-id=\"{id}\"]:not([hidden])", new WaitForSelectorOptions { Timeout = (int)Wait.TotalMilliseconds });

            var drill = await page.EvaluateExpressionAsync<JsonElement>("""
                ({
                  signals: [...document.querySelectorAll('#drill .sig')].map(s => ({ name: s.dataset.signal, value: s.dataset.value, contribution: Number(s.dataset.contribution) })),
                  rationale: document.querySelector('#drill .rationale').textContent,
                  gates: [...document.querySelectorAll('#drill ul.gates li')].map(g => ({ gate: g.dataset.gate, status: g.dataset.status, text: g.textContent })),
                  opening: document.querySelector('#drill .opening').textContent,
                  title: document.querySelector('#drill h2').textContent
                })
                """);

            Assert.Equal(expected.GetProperty("name").GetString(), drill.GetProperty("title").GetString());
            Assert.Equal(expected.GetProperty("rationale").GetString(), drill.GetProperty("rationale").GetString());
            Assert.Equal(expected.GetProperty("pitch").GetProperty("opening").GetString(), drill.GetProperty("opening").GetString());
            var signals = expected.GetProperty("signals").EnumerateObject().ToList();
            var shown = drill.GetProperty("signals").EnumerateArray().ToList();
            Assert.Equal(signals.Select(s => s.Name), shown.Select(s => s.GetProperty("name").GetString()));
            for (int i = 0; i < signals.Count; i++)
            {
                // score --format json writes scores to two decimals; the board keeps six.
                Assert.InRange(shown[i].GetProperty("contribution").GetDouble() - signals[i].Value.GetProperty("contribution").GetDouble(), -0.01, 0.01);
                Assert.Equal(signals[i].Value.GetProperty("value").ValueKind == JsonValueKind.Null, shown[i].GetProperty("value").GetString()!.Length == 0);
            }

            var gates = expected.GetProperty("gates").EnumerateArray().ToList();
            var shownGates = drill.GetProperty("gates").EnumerateArray().ToList();
            Assert.Equal(gates.Select(g => (g.GetProperty("gate").GetString(), g.GetProperty("status").GetString())), shownGates.Select(g => (g.GetProperty("gate").GetString(), g.GetProperty("status").GetString())));
            Assert.All(gates.Zip(shownGates), p => Assert.Contains(p.First.GetProperty("detail").GetString()!, p.Second.GetProperty("text").GetString()!, StringComparison.Ordinal));
        }

        Assert.Empty(problems);
    }

    [ChromiumFact]
    public async Task Board_DragACardAndDownloadTheOverrides_TheToolAcceptsThemUnchanged()
    {
        string book = Fixture("book.csv");
        var page = await OpenAsync(await ReportAsync("portfolio", book));
        Assert.Equal("Now", await WindowOfCardAsync(page, "acme"));

        // A real drag with the mouse, from Acme's card in Now to the 60-days column.
        var card = await page.QuerySelectorAsync("#cal-board li[data-id=acme]");
        var target = await page.QuerySelectorAsync("#cal-board .col[data-window=Next60Days] h3");
#pragma warning disable CS0618 // Chromium's drag interception (Input.setInterceptDrags) is what makes a mouse drag work headless.
        await page.SetDragInterceptionAsync(true);
#pragma warning restore CS0618
        await card!.DragAndDropAsync(target!);
        await page.WaitForSelectorAsync("#reason-dialog[open]", new WaitForSelectorOptions { Timeout = (int)Wait.TotalMilliseconds });
        await page.ClickAsync("#reason-save");
        Assert.Equal("A reason is required.", await page.EvaluateExpressionAsync<string>("document.getElementById('reason-error').textContent"));
        await page.TypeAsync("#reason-input", "Budget frozen until Q2, says \"CFO\", revisit");
        await page.ClickAsync("#reason-save");

        Assert.Equal("Next60Days", await WindowOfCardAsync(page, "acme"));
        Assert.Contains("Budget frozen until Q2", await page.EvaluateExpressionAsync<string>("document.getElementById('overrides-list').textContent"), StringComparison.Ordinal);

        string downloads = Directory.CreateDirectory(temp.File("downloads")).FullName;
        await page.Client.SendAsync("Browser.setDownloadBehavior", new Dictionary<string, object> { ["behavior"] = "allow", ["downloadPath"] = downloads });
        await page.ClickAsync("#overrides-download");
        string csv = Path.Combine(downloads, "overrides.csv");
        for (int i = 0; i < 100 && !File.Exists(csv); i++)
        {
            await Task.Delay(100);
        }

        Assert.True(File.Exists(csv), "The overrides CSV was not downloaded.");
        Assert.Equal("account_id,window,reason\nacme,Next60Days,\"Budget frozen until Q2, says \"\"CFO\"\", revisit\"\n", await File.ReadAllTextAsync(csv));

        var rescored = await RunAsync("score", book, "--as-of", AsOfText, "--format", "json", "--overrides", csv, "--quiet");
        Assert.Equal(ExitCodes.Success, rescored.ExitCode);
        var acme = rescored.Json().GetProperty("accounts").EnumerateArray().Single(a => a.GetProperty("accountId").GetString() == "acme");
        Assert.Equal("Now", acme.GetProperty("window").GetString());
        Assert.Equal("Next60Days", acme.GetProperty("effectiveWindow").GetString());
        Assert.Equal("Budget frozen until Q2, says \"CFO\", revisit", acme.GetProperty("windowOverride").GetProperty("reason").GetString());

        // And the report made with them shows the override as the file's.
        var again = await OpenAsync(await ReportAsync("portfolio", book, "--overrides", csv));
        Assert.Equal("Next60Days", await WindowOfCardAsync(again, "acme"));
        Assert.Empty(problems);
    }

    [ChromiumFact]
    public async Task Board_KeptColumns_ShowAndFilterByOwner()
    {
        string book = temp.Write("owners.csv",
            "account_id,name,segment,plan,arr,plan_fit,velocity,engagement,champion,triggers,seats_purchased,seats_active,days_to_renewal,health_score,open_p1_p2_tickets,contract_start_date,Company owner,Region\n" +
            "a1,Alpha,MidMarket,Pro,120000,90,85,80,85,80,100,95,120,85,0,2024-01-10,Dana Reyes,West\n" +
            "a2,Bravo,SMB,Growth,30000,60,55,50,40,30,20,12,200,75,0,2024-03-01,\"<b>Lee</b> & Co\",East\n" +
            "a3,Charlie,Enterprise,Enterprise,400000,70,75,70,65,60,500,420,90,80,0,2023-06-15,Dana Reyes,East\n" +
            "a4,Delta,MidMarket,Pro,80000,40,35,30,30,20,50,20,300,70,0,2025-02-01,,West\n");
        var page = await OpenAsync(await ReportAsync("portfolio", book, "--keep", "Company owner,Region"));

        Assert.Equal(["Company owner", "Region"], await page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('#list-head th[data-key^=kept]')].map(th => th.textContent)"));
        Assert.Equal(4, await RowCountAsync(page));
        Assert.Equal("<b>Lee</b> & Co", await page.EvaluateExpressionAsync<string>("document.querySelector('#list-body tr[data-id=a2] td.kept').textContent"));
        Assert.Equal(0, await page.EvaluateExpressionAsync<int>("document.querySelectorAll('#list-body b').length"));

        await page.ClickAsync("#list-head th[data-key=kept0] button");
        Assert.Equal("", await page.EvaluateExpressionAsync<string>("document.querySelector('#list-body tr td.kept').textContent")); // blank first, ascending

        await page.SelectAsync("#filter-kept0", "Dana Reyes");
        Assert.Equal(["Alpha", "Charlie"], await RowNamesAsync(page));
        await page.SelectAsync("#filter-kept1", "East");
        Assert.Equal(["Charlie"], await RowNamesAsync(page));
        await page.SelectAsync("#filter-kept0", string.Empty);
        await page.SelectAsync("#filter-kept1", string.Empty);
        Assert.Equal(4, await RowCountAsync(page));
        Assert.Empty(problems);
    }

    [ChromiumFact]
    public async Task Board_HostileNames_StayText()
    {
        string book = temp.Write("hostile.csv", File.ReadAllText(Fixture("hostile.csv")) +
            "x4,\"</script><svg onload=alert(4)>\",MidMarket,Pro,90000,80,80,80,80,80,10,9,30,90,0,2020-01-01\n");
        var page = await OpenAsync(await ReportAsync("portfolio", book));
        var dialogs = new List<string>();
        page.Dialog += (_, e) => dialogs.Add(e.Dialog.Message);

        var names = await RowNamesAsync(page);
        Assert.Contains("</script><svg onload=alert(4)>", names);
        Assert.Contains("<script>alert(1)</script> & \"Co\"", names);
        Assert.Contains("<img src=x onerror=alert(2)>", names);
        Assert.Equal(0, await page.EvaluateExpressionAsync<int>("document.querySelectorAll('main svg[onload], main img, #drill img, #list script').length"));
        await page.EvaluateExpressionAsync("document.querySelector('#list-body tr[data-id=x4] button').click()");
        Assert.Equal("</script><svg onload=alert(4)>", await page.EvaluateExpressionAsync<string>("document.querySelector('#drill h2').textContent"));
        Assert.Empty(dialogs);
        Assert.Empty(problems);
    }

    [ChromiumFact]
    public async Task Board_WithoutJavaScript_ShowsTheStaticSummary()
    {
        string html = await ReportAsync("demo");
        var page = await browser!.NewPageAsync();
        await page.SetJavaScriptEnabledAsync(false);
        await page.GoToAsync(new Uri(html).AbsoluteUri);

        Assert.True(await page.EvaluateExpressionAsync<bool>("true") || true);
        var text = await page.GetContentAsync();
        Assert.Contains("Pitch Acme Corp next", text, StringComparison.Ordinal);
        Assert.True(await page.QuerySelectorAsync("#board[hidden]") is not null, "Without JavaScript the board stays hidden.");
        var box = await (await page.QuerySelectorAsync("#top-offers"))!.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.Height > 100, "The top offers are shown.");
    }

    /// <summary>
    /// A 100,000-account book: the page lists every account, opens and sorts in a real browser. Run on demand
    /// (EXPANSION_BOARD_100K=1); it prints the file size and the times, which the README quotes. Nothing asserts a time.
    /// </summary>
    [HundredThousandFact]
    public async Task Board_HundredThousandAccounts_ListsEveryAccountAndSorts()
    {
        const int Accounts = 100_000;
        var random = new Random(15);
        var csv = new System.Text.StringBuilder("account_id,name,segment,plan,arr,plan_fit,velocity,engagement,champion,triggers,seats_purchased,seats_active,days_to_renewal,health_score,open_p1_p2_tickets,contract_start_date\n");
        string[] segments = ["SMB", "MidMarket", "Enterprise"], plans = ["Starter", "Growth", "Pro", "Enterprise"];
        for (int i = 0; i < Accounts; i++)
        {
            int purchased = random.Next(5, 500);
            string Signal() => random.NextDouble() < 0.05 ? string.Empty : random.Next(0, 101).ToString(System.Globalization.CultureInfo.InvariantCulture);
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"a{i:D6},Account {i} Holdings,{segments[random.Next(3)]},{plans[random.Next(4)]},{random.Next(5, 500) * 1000},{Signal()},{Signal()},{Signal()},{Signal()},{Signal()},{purchased},{random.Next(0, purchased + 20)},{random.Next(1, 366)},{random.Next(40, 101)},{(random.NextDouble() < 0.05 ? 1 : 0)},202{random.Next(0, 6)}-0{random.Next(1, 10)}-1{random.Next(0, 10)}\n");
        }

        string book = temp.Write("book100k.csv", csv.ToString());
        var clock = System.Diagnostics.Stopwatch.StartNew();
        string html = await ReportAsync("portfolio", book);
        double write = clock.Elapsed.TotalSeconds;

        var page = await browser!.NewPageAsync();
        await page.SetViewportAsync(new ViewPortOptions { Width = 1400, Height = 1000 });
        clock.Restart();
        await page.GoToAsync(new Uri(html).AbsoluteUri, new NavigationOptions { Timeout = 300_000 });
        await page.WaitForSelectorAsync("body[data-ready=true]", new WaitForSelectorOptions { Timeout = 300_000 });
        double open = clock.Elapsed.TotalSeconds;
        string decoded = await page.EvaluateExpressionAsync<string>("document.body.dataset.decodedMs");
        string drawn = await page.EvaluateExpressionAsync<string>("document.body.dataset.drawnMs");
        Assert.Contains("(100,000 listed)", await page.EvaluateExpressionAsync<string>("document.getElementById('list-count').textContent"), StringComparison.Ordinal);

        clock.Restart();
        await page.ClickAsync("#list-head th[data-key=name] button");
        double sort = clock.Elapsed.TotalSeconds;
        Assert.Equal("Account 0 Holdings", await FirstRowNameAsync(page));
        clock.Restart();
        await page.ClickAsync("#list-head th[data-key=p] button");
        double sortProbability = clock.Elapsed.TotalSeconds;
        clock.Restart();
        await page.TypeAsync("#search", "a09999");
        double search = clock.Elapsed.TotalSeconds;
        Assert.Equal(10, await RowCountAsync(page)); // a099990 … a099999
        output.WriteLine(System.FormattableString.Invariant($"100,000 accounts: page {new FileInfo(html).Length / 1e6:0.0} MB, written in {write:0.0} s; opened (parsed and drawn) in {open:0.0} s (data decoded {decoded} ms and board drawn {drawn} ms after navigation); sorted by name in {sort:0.00} s, by probability in {sortProbability:0.00} s; search typed in {search:0.00} s"));
    }

    private async Task<string> ReportAsync(params string[] args)
    {
        string path = temp.File($"report-{Guid.NewGuid():N}.html");
        string[] command = args[0] == "demo" ? [.. args, "--format", "html", "--as-of", AsOfText, "--out", path] : [.. args, "--format", "html", "--as-of", AsOfText, "--quiet", "--out", path];
        var result = await RunAsync(command);
        Assert.True(result.ExitCode == ExitCodes.Success, result.Stderr);
        return path;
    }

    private async Task<IPage> OpenAsync(string html)
    {
        var page = await browser!.NewPageAsync();
        page.Console += (_, e) =>
        {
            if (e.Message.Type is ConsoleType.Error or ConsoleType.Warning)
            {
                problems.Add($"console {e.Message.Type}: {e.Message.Text}");
            }
        };
        page.PageError += (_, e) => problems.Add("page error: " + e.Message);
        page.Request += (_, e) =>
        {
            string url = e.Request.Url;
            if (!url.StartsWith("file:", StringComparison.Ordinal) && !url.StartsWith("blob:", StringComparison.Ordinal) && !url.StartsWith("data:", StringComparison.Ordinal))
            {
                problems.Add("network request: " + url);
            }
        };
        await page.SetViewportAsync(new ViewPortOptions { Width = 1400, Height = 1000 });
        await page.GoToAsync(new Uri(html).AbsoluteUri);
        await page.WaitForSelectorAsync("body[data-ready=true]", new WaitForSelectorOptions { Timeout = (int)Wait.TotalMilliseconds });
        return page;
    }

    private static Task<int> RowCountAsync(IPage page) => page.EvaluateExpressionAsync<int>("document.querySelectorAll('#list-body tr').length");

    private static Task<string[]> RowNamesAsync(IPage page) => page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('#list-body tr td:first-child button')].map(b => b.textContent)");

    private static async Task<string> FirstRowNameAsync(IPage page) => (await RowNamesAsync(page))[0];

    private static Task<string> WindowOfCardAsync(IPage page, string id)
        => page.EvaluateFunctionAsync<string>("id => document.querySelector(`#cal-board li[data-id=\"${CSS.escape(id)}\"]`).closest('.col').dataset.window", id);

    /// <summary>Saves the README's two screenshots (the board and a drill-down) when EXPANSION_SCREENSHOTS names a folder.</summary>
    private static async Task SaveScreenshotsAsync(IPage page)
    {
        if (Environment.GetEnvironmentVariable("EXPANSION_SCREENSHOTS") is not { Length: > 0 } folder)
        {
            return;
        }

        await page.SetViewportAsync(new ViewPortOptions { Width = 1280, Height = 1100 });
        await page.EvaluateExpressionAsync("window.scrollTo(0, document.getElementById('list').getBoundingClientRect().top + window.scrollY - 12)");
        await page.ScreenshotAsync(Path.Combine(folder, "board.png"), new ScreenshotOptions { Type = ScreenshotType.Png });
        await page.EvaluateExpressionAsync("document.querySelector('#list-body tr[data-id=helix] button').click()");
        await page.EvaluateExpressionAsync("document.getElementById('drill').scrollTo(0, 0)");
        await page.ScreenshotAsync(Path.Combine(folder, "drilldown.png"), new ScreenshotOptions { Type = ScreenshotType.Png });
        await page.EvaluateExpressionAsync("document.querySelector('#drill .close').click(); window.scrollTo(0, 0)");
        await page.SetViewportAsync(new ViewPortOptions { Width = 1400, Height = 1000 });
    }
}

/// <summary>A browser fact run on demand: skipped, saying how to run it, unless EXPANSION_BOARD_100K=1 (and Chromium is installed).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class HundredThousandFactAttribute : ChromiumFactAttribute
{
    public HundredThousandFactAttribute()
    {
        if (Skip is null && Environment.GetEnvironmentVariable("EXPANSION_BOARD_100K") != "1")
        {
            Skip = "Builds and opens a 100,000-account report (about a minute): run with EXPANSION_BOARD_100K=1.";
        }
    }
}
