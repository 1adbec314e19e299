using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DuckDB.NET.Data;
using ExpansionScoring.Benchmarks.Data;

namespace ExpansionScoring.Benchmarks;

/// <summary>
/// <c>--peer [N]</c>: the command-line tool against DuckDB on the same generated book of N accounts (default
/// 1,000,000), each a process of its own, taking turns; medians and ratios. Before anything is timed, DuckDB's scores
/// are checked against the tool's on every account, and its portfolio against the tool's portfolio.
/// </summary>
/// <remarks>
/// <para>DuckDB runs in this same program re-invoked as <c>--duckdb-run TASK BOOK OUT</c>, so it pays a process
/// start-up as the tool does. It runs one SQL statement per task (<see cref="ScoreSql"/>, <see cref="PortfolioSql"/>):
/// the rules of SPEC §3–§8 with the default model (MidMarketBalanced for every segment, the linear transform, the
/// default bands, offer rules, gates and windows), written out by hand, since DuckDB knows nothing of the library.</para>
/// <para>The tasks: <c>score --compact</c> (15 columns) and DuckDB writing the same 15 columns; the default
/// <c>score</c> output (39 columns, every explanation); <c>portfolio --format json</c> and DuckDB's one-row
/// summary as JSON; the same book as JSON through <c>score --compact</c>; and start-up, <c>presets</c> against DuckDB
/// answering <c>SELECT 1</c>. When <c>npm install</c> has been run in <c>benchmarks/polars</c>, Polars (nodejs-polars)
/// runs the same rules too (<c>benchmarks/polars/score.js</c>), checked against the tool the same way first.</para>
/// </remarks>
internal static class PeerBenchmark
{
    private const string AsOf = "2026-11-23";

    /// <summary>The score-side rules once, as a CTE over the book: everything the outputs need, per account.</summary>
    private const string ScoredCte = """
        WITH book AS (
            SELECT * FROM read_csv('{BOOK}', header = true, auto_detect = false, columns = {
                'account_id': 'VARCHAR', 'name': 'VARCHAR', 'segment': 'VARCHAR', 'plan': 'VARCHAR', 'arr': 'DOUBLE',
                'plan_fit': 'DOUBLE', 'velocity': 'DOUBLE', 'engagement': 'DOUBLE', 'champion': 'DOUBLE', 'triggers': 'DOUBLE',
                'seats_purchased': 'INTEGER', 'seats_active': 'INTEGER', 'renewal_date': 'DATE', 'health_score': 'DOUBLE',
                'open_p1_p2_tickets': 'INTEGER', 'contract_start_date': 'DATE'})
        ),
        facts AS (
            SELECT *,
                coalesce(segment, 'MidMarket') AS seg,
                CASE WHEN seats_purchased > 0 THEN seats_active::DOUBLE / seats_purchased END AS sat,
                renewal_date - DATE '{ASOF}' AS days,
                ((((0.0 + coalesce(0.30 * plan_fit, 0)) + coalesce(0.25 * velocity, 0)) + coalesce(0.15 * engagement, 0)) + coalesce(0.20 * champion, 0)) + coalesce(0.10 * triggers, 0) AS points,
                ((((0.0 + CASE WHEN plan_fit IS NULL THEN 0 ELSE 0.30 END) + CASE WHEN velocity IS NULL THEN 0 ELSE 0.25 END) + CASE WHEN engagement IS NULL THEN 0 ELSE 0.15 END) + CASE WHEN champion IS NULL THEN 0 ELSE 0.20 END) + CASE WHEN triggers IS NULL THEN 0 ELSE 0.10 END AS weight,
                (plan_fit IS NULL)::INT + (velocity IS NULL)::INT + (engagement IS NULL)::INT + (champion IS NULL)::INT + (triggers IS NULL)::INT AS missing,
                coalesce(health_score < 60, false) AS health_blocks,
                coalesce(open_p1_p2_tickets > 0, false) AS tickets_block,
                coalesce(contract_start_date + INTERVAL 6 MONTH > DATE '{ASOF}', false) AS tenure_blocks
            FROM book
        ),
        composed AS (
            SELECT *,
                CASE WHEN weight > 0 THEN least(greatest(points / weight, 0), 100) ELSE 0 END AS composite,
                health_blocks OR tickets_block OR tenure_blocks AS gated
            FROM facts
        ),
        probable AS (
            SELECT *, least(greatest(5 + 0.9 * composite, 5), 95) AS probability FROM composed
        ),
        banded AS (
            SELECT *,
                CASE WHEN probability >= 75 - 1e-9 THEN 'Hot' WHEN probability >= 50 - 1e-9 THEN 'Warm'
                     WHEN probability >= 25 - 1e-9 THEN 'Watch' ELSE 'Cold' END AS band,
                CASE WHEN gated THEN NULL
                     WHEN seg = 'Enterprise' AND triggers >= 70 - 1e-9 THEN 'EnterpriseTriggers'
                     WHEN sat >= 0.85 - 1e-9 AND velocity >= 60 - 1e-9 THEN 'SeatCapacity'
                     WHEN velocity >= 75 - 1e-9 AND engagement >= 70 - 1e-9 THEN 'TierReady'
                     WHEN champion >= 80 - 1e-9 AND days <= 90 + 1e-9 THEN 'MultiYearLock'
                     WHEN probability < 40 - 1e-9 THEN 'LowProbability'
                     ELSE 'Fallback' END AS offer_rule
            FROM probable
        ),
        scored AS (
            SELECT *,
                CASE offer_rule WHEN 'EnterpriseTriggers' THEN 'AddOn' WHEN 'SeatCapacity' THEN 'Seats' WHEN 'TierReady' THEN 'Tier'
                     WHEN 'MultiYearLock' THEN 'MultiYear' WHEN 'Fallback' THEN 'Tier' ELSE 'Nurture' END AS offer,
                CASE WHEN gated THEN 0 ELSE probability / 100 * arr * CASE offer_rule WHEN 'EnterpriseTriggers' THEN 0.18
                     WHEN 'SeatCapacity' THEN 0.20 WHEN 'TierReady' THEN 0.45 WHEN 'MultiYearLock' THEN 0.10 WHEN 'Fallback' THEN 0.45 ELSE 0 END END AS opportunity,
                CASE WHEN gated THEN 'Nurture'
                     WHEN band = 'Hot' AND triggers >= 60 - 1e-9 THEN 'Now'
                     WHEN band IN ('Hot', 'Warm') OR (band = 'Watch' AND days <= 60) THEN 'Next30Days'
                     WHEN band = 'Watch' THEN 'Next60Days'
                     ELSE 'Nurture' END AS pitch_window,
                CASE WHEN missing = 0 THEN 'High' WHEN missing <= 2 THEN 'Medium' ELSE 'Low' END AS confidence
            FROM banded
        )
        """;

    /// <summary>The 15 columns of <c>score --compact</c>, in its order, written as CSV.</summary>
    private const string ScoreSql = ScoredCte + "\n" + """
        SELECT account_id, seg AS segment, arr, composite, probability, band, offer, coalesce(offer_rule, '') AS offer_rule,
            opportunity, pitch_window AS "window", confidence, gated,
            concat_ws(';', CASE WHEN health_blocks THEN 'Health' END, CASE WHEN tickets_block THEN 'SupportTickets' END, CASE WHEN tenure_blocks THEN 'Tenure' END) AS gates_blocked,
            concat_ws(';', CASE WHEN health_score IS NULL THEN 'Health' END, CASE WHEN open_p1_p2_tickets IS NULL THEN 'SupportTickets' END, CASE WHEN contract_start_date IS NULL THEN 'Tenure' END) AS gates_not_evaluated,
            missing AS missing_signals
        FROM scored
        """;

    /// <summary>The portfolio: totals, per band, per window, the top 10 offers and the report card's tallies, one JSON object.</summary>
    private const string PortfolioSql = ScoredCte + "\n" + """
        SELECT count(*) AS accountCount, sum(arr) AS totalArr, sum(opportunity) AS pipeline,
            (SELECT list(struct_pack(band := band, count := n, arr := a, opportunity := o)) FROM (SELECT band, count(*) AS n, sum(arr) AS a, sum(opportunity) AS o FROM scored GROUP BY band)) AS bands,
            (SELECT list(struct_pack("window" := pitch_window, count := n, arr := a, opportunity := o)) FROM (SELECT pitch_window, count(*) AS n, sum(arr) AS a, sum(opportunity) AS o FROM scored GROUP BY pitch_window)) AS windows,
            (SELECT list(struct_pack(accountId := account_id, name := name, offer := offer, probability := probability, opportunity := opportunity) ORDER BY opportunity DESC, rn) FROM (SELECT *, row_number() OVER () AS rn FROM scored WHERE opportunity > 0 ORDER BY opportunity DESC, rn LIMIT 10)) AS topOffers,
            sum(arr) FILTER (WHERE band IN ('Hot', 'Warm')) AS hotWarmArr,
            sum(opportunity) FILTER (WHERE band IN ('Hot', 'Warm')) AS hotWarmPipeline,
            count(*) FILTER (WHERE sat > 0.85 AND pitch_window <> 'Now') AS saturatedNotNow,
            avg(champion) AS meanChampion,
            count(*) FILTER (WHERE triggers > 0) AS withTrigger,
            count(*) FILTER (WHERE band = 'Hot' AND pitch_window = 'Now') AS hotNow,
            count(*) FILTER (WHERE greatest(plan_fit, velocity, engagement, champion, triggers) >= 60) AS meaningful
        FROM scored
        """;

    /// <summary><c>--duckdb-run TASK BOOK OUT</c>: DuckDB in this process, then its time and peak memory on standard output.</summary>
    public static void DuckDbRun(string task, string book, string output)
    {
        var stopwatch = Stopwatch.StartNew();
        using (var connection = new DuckDBConnection("DataSource=:memory:"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            string Fill(string sql) => sql.Replace("{BOOK}", book.Replace("'", "''", StringComparison.Ordinal), StringComparison.Ordinal).Replace("{ASOF}", AsOf, StringComparison.Ordinal);
            string target = output.Replace("'", "''", StringComparison.Ordinal);
            command.CommandText = task switch
            {
                "score" => $"COPY ({Fill(ScoreSql)}) TO '{target}' (FORMAT CSV, HEADER true)",
                "portfolio" => $"COPY ({Fill(PortfolioSql)}) TO '{target}' (FORMAT JSON)",
                "select1" => "SELECT 1",
                _ => throw new ArgumentException($"unknown task {task}: score, portfolio or select1", nameof(task)),
            };
            command.ExecuteNonQuery();
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"duckdb {task} in {stopwatch.Elapsed.TotalSeconds:F3} s, peak memory {Process.GetCurrentProcess().PeakWorkingSet64 / 1_000_000} MB"));
    }

    /// <summary><c>--peer [N] [ROUNDS]</c>: writes the book, checks DuckDB against the tool, then times both, alternating.</summary>
    public static void Run(int count, int rounds)
    {
        string self = typeof(PeerBenchmark).Assembly.Location;
        string dir = Directory.CreateTempSubdirectory("peer-benchmark-").FullName;
        try
        {
            var (tool, build) = CliVersusRead.PublishTool(Path.Combine(dir, "tool"));
            Console.WriteLine($"published the tool ({build}): {string.Join(' ', tool)}");
            string program = tool[0];
            string[] cli = tool[1..];
            string csv = Path.Combine(dir, "book.csv"), json = Path.Combine(dir, "book.json");
            CliVersusRead.WriteBook(count, csv);
            using (var writer = new StreamWriter(json, append: false, new System.Text.UTF8Encoding(false), 1 << 16))
            {
                SyntheticBook.WriteJson(writer, count);
            }

            string toolOut = Path.Combine(dir, "tool.csv"), duckOut = Path.Combine(dir, "duckdb.csv");
            string toolPortfolio = Path.Combine(dir, "tool.json"), duckPortfolio = Path.Combine(dir, "duckdb.json");
            Check(tool, self, csv, json, toolOut, duckOut, toolPortfolio, duckPortfolio);

            string? polars = FindPolars();
            if (polars is not null)
            {
                CheckPolars(polars, csv, toolOut, toolPortfolio, Path.Combine(dir, "polars.csv"), Path.Combine(dir, "polars.json"));
            }

            string dotnet = "dotnet";
            (string Name, string Program, string[] Args)[] tasks =
            [
                ("tool: score --compact", program, [.. cli, "score", csv, "--compact", "--out", toolOut, "--as-of", AsOf]),
                ("tool: score (default CSV, 39 columns)", program, [.. cli, "score", csv, "--out", toolOut, "--as-of", AsOf]),
                ("tool: portfolio --format json", program, [.. cli, "portfolio", csv, "--format", "json", "--out", toolPortfolio, "--as-of", AsOf]),
                ("tool: score book.json --compact", program, [.. cli, "score", json, "--compact", "--out", toolOut, "--as-of", AsOf]),
                ("tool: presets (start-up)", program, [.. cli, "presets"]),
                ("DuckDB: score, 15 columns to CSV", dotnet, [self, "--duckdb-run", "score", csv, duckOut]),
                ("DuckDB: portfolio to JSON", dotnet, [self, "--duckdb-run", "portfolio", csv, duckPortfolio]),
                ("DuckDB: SELECT 1 (start-up)", dotnet, [self, "--duckdb-run", "select1", csv, duckOut]),
                .. polars is null ? Array.Empty<(string, string, string[])>() :
                [
                    ("Polars: score, 15 columns to CSV", "node", [polars, csv, Path.Combine(dir, "polars.csv"), "score"]),
                    ("Polars: portfolio to JSON", "node", [polars, csv, Path.Combine(dir, "polars.json"), "portfolio"]),
                ],
            ];
            var times = tasks.Select(_ => new List<(double Seconds, double Mb)>()).ToArray();
            for (int round = 0; round < rounds; round++)
            {
                // Alternate the order each round so neither side always runs right after the other's cache warm-up.
                var order = Enumerable.Range(0, tasks.Length);
                foreach (int t in round % 2 == 0 ? order : order.Reverse())
                {
                    times[t].Add(CliVersusRead.RunProgram(tasks[t].Program, tasks[t].Args));
                }
            }

            double M(int t) => Median(times[t].Select(x => x.Seconds));
            string Mb(int t) => Median(times[t].Select(x => x.Mb)) is var mb && double.IsNaN(mb) ? "–" : $"{mb:F0} MB";
            var c = CultureInfo.InvariantCulture;
            Console.WriteLine();
            Console.WriteLine(string.Create(c, $"{count:N0} accounts ({new FileInfo(csv).Length / 1e6:F1} MB CSV, {new FileInfo(json).Length / 1e6:F1} MB JSON); median of {rounds} alternating rounds, each run a process of its own; {Environment.ProcessorCount} cores"));
            Console.WriteLine("| run | median wall time | runs | peak memory |");
            Console.WriteLine("|---|---|---|---|");
            for (int t = 0; t < tasks.Length; t++)
            {
                Console.WriteLine(string.Create(c, $"| {tasks[t].Name} | {M(t):F2} s | {string.Join(", ", times[t].Select(x => x.Seconds.ToString("F2", c)))} | {Mb(t)} |"));
            }

            // Ratios pair the runs of one round (the two ran minutes apart at most), so a machine that speeds up or
            // slows down during the benchmark moves both sides of a ratio alike; the median of the rounds' ratios is
            // quoted, with their range.
            IEnumerable<double> Ratios(int a, int b) => times[a].Zip(times[b], (x, y) => x.Seconds / y.Seconds);
            string Range(int a, int b) => string.Create(c, $"{Ratios(a, b).Min():F2}–{Ratios(a, b).Max():F2}");
            Console.WriteLine();
            Console.WriteLine("| target | ratio (median of the rounds' ratios) | rounds' range | target | met |");
            Console.WriteLine("|---|---|---|---|---|");
            void Target(string name, int a, int b, double limit)
            {
                double ratio = Median(Ratios(a, b));
                Console.WriteLine(string.Create(c, $"| {name} | {ratio:F2}× | {Range(a, b)} | ≤ {limit:F2}× | {(ratio <= limit ? "yes" : "no")} |"));
            }

            Target("score --compact ÷ DuckDB score", 0, 5, 0.7);
            Target("default score ÷ score --compact", 1, 0, 2.0);
            Target("portfolio ÷ DuckDB portfolio", 2, 6, 0.7);
            Target("JSON input ÷ CSV input (--compact)", 3, 0, 1.3);
            Console.WriteLine(string.Create(c, $"| presets wall time | {M(4):F2} s | | ≤ 0.25 s | {(M(4) <= 0.25 ? "yes" : "no")} |"));
            Console.WriteLine(string.Create(c, $"| presets ÷ DuckDB SELECT 1 | {Median(Ratios(4, 7)):F2}× | {Range(4, 7)} | – | – |"));
            if (polars is not null)
            {
                Target("score --compact ÷ Polars score", 0, 8, 1.0);
                Console.WriteLine(string.Create(c, $"| portfolio ÷ Polars portfolio | {Median(Ratios(2, 9)):F2}× | {Range(2, 9)} | – | – |"));
            }
            else
            {
                Console.WriteLine("(Polars not timed: run `npm install` in benchmarks/polars to add it)");
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Runs both sides once and stops the benchmark unless they agree on every account and on the portfolio.</summary>
    private static void Check(string[] command, string self, string csv, string json, string toolOut, string duckOut, string toolPortfolio, string duckPortfolio)
    {
        CliVersusRead.RunProgram(command[0], [.. command[1..], "score", csv, "--compact", "--out", toolOut, "--as-of", AsOf]);
        CliVersusRead.Run(self, ["--duckdb-run", "score", csv, duckOut]);
        var tool = ReadScores(toolOut);
        var duck = ReadScores(duckOut);
        if (tool.Count != duck.Count)
        {
            throw new InvalidOperationException($"the tool scored {tool.Count} accounts, DuckDB {duck.Count}");
        }

        int differ = 0;
        foreach (var (id, t) in tool)
        {
            if (!duck.TryGetValue(id, out var d) || !Agree(t, d))
            {
                if (differ++ < 5)
                {
                    Console.WriteLine($"differs: {id}\n  tool:   {string.Join(',', t)}\n  DuckDB: {(d is null ? "(missing)" : string.Join(',', d))}");
                }
            }
        }

        if (differ > 0)
        {
            throw new InvalidOperationException($"DuckDB and the tool disagree on {differ} accounts: not timing");
        }

        // The same book as JSON gives the same scores.
        CliVersusRead.RunProgram(command[0], [.. command[1..], "score", json, "--compact", "--out", toolOut, "--as-of", AsOf]);
        var fromJson = ReadScores(toolOut);
        if (fromJson.Count != tool.Count || fromJson.Any(kv => !Agree(kv.Value, tool[kv.Key])))
        {
            throw new InvalidOperationException("the tool scores the JSON book differently from the CSV book: not timing");
        }

        CliVersusRead.RunProgram(command[0], [.. command[1..], "portfolio", csv, "--format", "json", "--out", toolPortfolio, "--as-of", AsOf]);
        CliVersusRead.Run(self, ["--duckdb-run", "portfolio", csv, duckPortfolio]);
        ComparePortfolios(toolPortfolio, duckPortfolio, "DuckDB");
        Console.WriteLine($"DuckDB agrees with the tool on all {tool.Count:N0} accounts (every compact column, numbers to the tool's rounding) and on the portfolio's totals, bands, windows and top offers");
    }

    /// <summary>Runs the Polars script once for each task and stops the benchmark unless it agrees with the tool's outputs already written.</summary>
    private static void CheckPolars(string script, string csv, string toolOut, string toolPortfolio, string polarsOut, string polarsPortfolio)
    {
        CliVersusRead.RunProgram("node", [script, csv, polarsOut, "score"]);
        var tool = ReadScores(toolOut);
        var polars = ReadScores(polarsOut);
        int differ = tool.Count(kv => !polars.TryGetValue(kv.Key, out var p) || !Agree(kv.Value, p));
        if (polars.Count != tool.Count || differ > 0)
        {
            throw new InvalidOperationException($"Polars and the tool disagree ({polars.Count:N0} and {tool.Count:N0} accounts, {differ:N0} differ): not timing");
        }

        CliVersusRead.RunProgram("node", [script, csv, polarsPortfolio, "portfolio"]);
        ComparePortfolios(toolPortfolio, polarsPortfolio, "Polars");
        Console.WriteLine($"Polars agrees with the tool on all {tool.Count:N0} accounts and on the portfolio's totals, bands, windows and top offers");
    }

    /// <summary>The Polars script, when <c>npm install</c> has been run in <c>benchmarks/polars</c>; otherwise <see langword="null"/>.</summary>
    private static string? FindPolars()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string folder = Path.Combine(dir.FullName, "benchmarks", "polars");
            if (Directory.Exists(Path.Combine(folder, "node_modules", "nodejs-polars")))
            {
                return Path.Combine(folder, "score.js");
            }
        }

        return null;
    }

    private static Dictionary<string, string[]> ReadScores(string file)
    {
        var rows = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (string line in File.ReadLines(file).Skip(1))
        {
            // Neither side writes a comma inside a field here; DuckDB quotes an empty string, the tool leaves it empty.
            string[] fields = [.. line.Split(',').Select(f => f == "\"\"" ? string.Empty : f)];
            rows[fields[0]] = fields;
        }

        return rows;
    }

    /// <summary>
    /// Names, flags and counts exactly; ARR within a billionth, relative; composite and probability within the 0.01
    /// the tool truncates them to, and dollars within the half cent it rounds them to (DuckDB writes them unrounded).
    /// </summary>
    private static bool Agree(string[] tool, string[] duck)
    {
        if (tool.Length != duck.Length)
        {
            return false;
        }

        for (int i = 0; i < tool.Length; i++)
        {
            if (i is 2 or 3 or 4 or 8)
            {
                double t = double.Parse(tool[i], CultureInfo.InvariantCulture), d = double.Parse(duck[i], CultureInfo.InvariantCulture);
                double slack = i switch { 3 or 4 => 0.01, 8 => 0.005, _ => 0 } + (1e-9 * Math.Max(1, Math.Abs(d)));
                if (!(Math.Abs(t - d) <= slack))
                {
                    return false;
                }
            }
            else if (!string.Equals(tool[i], duck[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Close(double a, double b) => Math.Abs(a - b) <= 1e-9 * Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(b)));

    private static void ComparePortfolios(string toolFile, string duckFile, string peer)
    {
        using var tool = JsonDocument.Parse(File.ReadAllText(toolFile));
        using var duck = JsonDocument.Parse(File.ReadAllText(duckFile));
        var t = tool.RootElement;
        var d = duck.RootElement;
        var problems = new List<string>();
        void Same(string what, double a, double b)
        {
            if (!Close(a, b) && Math.Abs(a - b) > 1e-6 * Math.Max(1, Math.Abs(a)))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{what}: tool {a}, {peer} {b}"));
            }
        }

        Same("accountCount", t.GetProperty("accountCount").GetDouble(), d.GetProperty("accountCount").GetDouble());
        Same("totalArr", t.GetProperty("totalArr").GetDouble(), d.GetProperty("totalArr").GetDouble());
        Same("pipeline", t.GetProperty("pipeline").GetDouble(), d.GetProperty("pipeline").GetDouble());
        foreach (var (list, key) in new[] { ("bands", "band"), ("windows", "window") })
        {
            // DuckDB writes a list of buckets naming their key; Polars an object keyed by it, as the tool does.
            var buckets = d.GetProperty(list) is { ValueKind: JsonValueKind.Array } array
                ? array.EnumerateArray().Select(b => (Key: b.GetProperty(key).GetString()!, Bucket: b))
                : d.GetProperty(list).EnumerateObject().Select(p => (Key: p.Name, Bucket: p.Value));
            foreach (var (name, bucket) in buckets)
            {
                var mine = t.GetProperty(list).GetProperty(name);
                foreach (string field in (string[])["count", "arr", "opportunity"])
                {
                    Same($"{list}.{name}.{field}", mine.GetProperty(field).GetDouble(), bucket.GetProperty(field).GetDouble());
                }
            }
        }

        var toolTop = t.GetProperty("topOffers").EnumerateArray().Select(o => o.GetProperty("accountId").GetString()).ToArray();
        var duckTop = d.GetProperty("topOffers").EnumerateArray().Select(o => o.GetProperty("accountId").GetString()).ToArray();
        if (!toolTop.SequenceEqual(duckTop))
        {
            problems.Add($"top offers: tool {string.Join(' ', toolTop)}, {peer} {string.Join(' ', duckTop)}");
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"{peer}'s portfolio differs from the tool's: " + string.Join("; ", problems));
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
