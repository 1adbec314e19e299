using ExpansionScoring.Signals;

namespace ExpansionScoring.Benchmarks.Data;

/// <summary>
/// A deterministic, realistic book of accounts (seeded <see cref="Random"/>), built twice from the same draws:
/// once as the engine's <see cref="Account"/> records and once as the <see cref="NaiveAccount"/> classes the
/// baseline reads, so both sides score exactly the same book.
/// </summary>
/// <remarks>
/// Variety: 50 % SMB, 35 % Mid-Market, 15 % Enterprise; seat counts from 5 to 5,000 with utilisation 30–110 %;
/// ARR from seats × a per-seat price; renewals from 20 days ago to 420 days away (10 % unknown); signals as
/// 0..100 with one decimal, Velocity, Engagement, Champion and Triggers each missing 8–20 % of the time; health, P1/P2 tickets and contract start
/// present for most accounts so the gates both pass and block.
/// </remarks>
public sealed class SyntheticBook
{
    public const int Seed = 20261123;

    private static readonly string[] SmbPlans = ["Starter", "Growth"];
    private static readonly string[] MidMarketPlans = ["Growth", "Pro"];
    private static readonly string[] EnterprisePlans = ["Pro", "Enterprise"];

    private SyntheticBook(Account[] accounts, NaiveAccount[] naive)
    {
        Accounts = accounts;
        Naive = naive;
    }

    /// <summary>Gets the date every benchmark scores as of.</summary>
    public static DateOnly AsOf { get; } = new(2026, 11, 23);

    public Account[] Accounts { get; }

    public NaiveAccount[] Naive { get; }

    public static SyntheticBook Create(int count, int seed = Seed)
    {
        var random = new Random(seed);
        var draws = new Draw[count];
        for (int i = 0; i < count; i++)
        {
            draws[i] = Next(random);
        }

        // Each side's objects are allocated in one pass, so each side's book lies contiguously in memory, as
        // a book read from a file would, and neither side pays for the other's objects between its own.
        var accounts = new Account[count];
        for (int i = 0; i < count; i++)
        {
            accounts[i] = ToAccount(draws[i], i);
        }

        var naive = new NaiveAccount[count];
        for (int i = 0; i < count; i++)
        {
            naive[i] = ToNaive(draws[i], i);
        }

        // Compact away the draws and SignalValues' intermediate copies before anything is timed.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return new SyntheticBook(accounts, naive);
    }

    /// <summary>The CSV header of <see cref="WriteCsv"/>: the command-line tool's own column names.</summary>
    public const string CsvHeader = "account_id,name,segment,plan,arr,plan_fit,velocity,engagement,champion,triggers,seats_purchased,seats_active,renewal_date,health_score,open_p1_p2_tickets,contract_start_date";

    /// <summary>Writes the book of <see cref="Create"/> (the same draws) as a CSV export, row by row, holding none of it.</summary>
    public static void WriteCsv(TextWriter output, int count, int seed = Seed)
    {
        var random = new Random(seed);
        var c = System.Globalization.CultureInfo.InvariantCulture;
        output.Write(CsvHeader);
        output.Write('\n');
        for (int i = 0; i < count; i++)
        {
            var d = Next(random);
            output.Write(string.Create(c, $"{IdOf(i)},Account {i},{d.Segment},{d.Plan},{d.Arr},{d.PlanFit},{d.Velocity},{d.Engagement},{d.Champion},{d.Triggers},{d.SeatsPurchased},{d.SeatsActive},{d.RenewalDate:yyyy-MM-dd},{d.HealthScore},{d.OpenP1P2Tickets},{d.ContractStart:yyyy-MM-dd}\n"));
        }
    }

    /// <summary>Writes the book of <see cref="WriteCsv"/> (the same draws, the same accounts) as a JSON array of objects with the tool's camelCase names.</summary>
    public static void WriteJson(TextWriter output, int count, int seed = Seed)
    {
        var random = new Random(seed);
        var c = System.Globalization.CultureInfo.InvariantCulture;
        output.Write("[\n");
        for (int i = 0; i < count; i++)
        {
            var d = Next(random);
            output.Write(i == 0 ? "  " : ",\n  ");
            output.Write(string.Create(c, $"{{\"accountId\": \"{IdOf(i)}\", \"name\": \"Account {i}\", \"segment\": \"{d.Segment}\", \"plan\": \"{d.Plan}\", \"arr\": {d.Arr}, \"planFit\": {d.PlanFit}, \"velocity\": {Json(d.Velocity)}, \"engagement\": {Json(d.Engagement)}, \"champion\": {Json(d.Champion)}, \"triggers\": {Json(d.Triggers)}, \"seatsPurchased\": {d.SeatsPurchased}, \"seatsActive\": {d.SeatsActive}, \"renewalDate\": {Json(d.RenewalDate)}, \"healthScore\": {Json(d.HealthScore)}, \"openP1P2Tickets\": {Json(d.OpenP1P2Tickets)}, \"contractStartDate\": {Json(d.ContractStart)}}}"));
        }

        output.Write("\n]\n");

        string Json<T>(T? value)
            where T : struct, IFormattable
            => value is { } v ? (v is DateOnly date ? "\"" + date.ToString("yyyy-MM-dd", c) + "\"" : v.ToString(null, c)) : "null";
    }

    private static Draw Next(Random r)
    {
        double roll = r.NextDouble();
        var segment = roll < 0.50 ? Segment.SMB : roll < 0.85 ? Segment.MidMarket : Segment.Enterprise;
        (int minSeats, int maxSeats, double minPrice, double maxPrice, string[] plans) = segment switch
        {
            Segment.SMB => (5, 50, 300.0, 600.0, SmbPlans),
            Segment.MidMarket => (25, 300, 400.0, 900.0, MidMarketPlans),
            _ => (200, 5_000, 500.0, 1_200.0, EnterprisePlans),
        };

        int purchased = r.Next(minSeats, maxSeats + 1);
        double utilisation = 0.30 + (r.NextDouble() * 0.80);
        int active = (int)Math.Round(purchased * utilisation);
        double arr = Math.Round(purchased * (minPrice + (r.NextDouble() * (maxPrice - minPrice))), 0);
        string plan = plans[r.Next(plans.Length)];

        // PlanFit is always known: seat counts are, and the engine would derive it from them anyway.
        double planFit = Math.Round(100 * Math.Min(1.0, (double)active / purchased), 1);
        double? velocity = Maybe(r, 0.08, Skewed(r, 55, 25));
        double? engagement = Maybe(r, 0.08, Skewed(r, 50, 22));
        double? champion = Maybe(r, 0.12, Skewed(r, 55, 28));
        double? triggers = Maybe(r, 0.20, r.NextDouble() < 0.6 ? Skewed(r, 15, 12) : Skewed(r, 65, 20));

        DateOnly? renewal = r.NextDouble() < 0.10 ? null : AsOf.AddDays(r.Next(-20, 421));
        double? health = r.NextDouble() < 0.25 ? null : Math.Round(Math.Clamp(75 + (Gaussian(r) * 15), 0, 100), 1);
        int? tickets = r.NextDouble() < 0.20 ? null : r.NextDouble() < 0.85 ? 0 : r.Next(1, 4);
        DateOnly? contractStart = r.NextDouble() < 0.10 ? null : AsOf.AddDays(-r.Next(30, 2_000));
        return new Draw(segment, plan, arr, purchased, active, planFit, velocity, engagement, champion, triggers, renewal, health, tickets, contractStart);
    }

    private static string IdOf(int index) => "acct-" + index.ToString("D7", System.Globalization.CultureInfo.InvariantCulture);

    private static Account ToAccount(in Draw d, int index) => new()
    {
        Id = IdOf(index),
        Segment = d.Segment,
        Plan = d.Plan,
        Arr = d.Arr,
        SeatsPurchased = d.SeatsPurchased,
        SeatsActive = d.SeatsActive,
        RenewalDate = d.RenewalDate,
        HealthScore = d.HealthScore,
        OpenP1P2Tickets = d.OpenP1P2Tickets,
        ContractStartDate = d.ContractStart,
        Signals = SignalValues.Of(d.PlanFit, d.Velocity, d.Engagement, d.Champion, d.Triggers),
    };

    private static NaiveAccount ToNaive(in Draw d, int index)
    {
        var signals = new Dictionary<string, double>();
        Put(signals, "PlanFit", d.PlanFit);
        Put(signals, "Velocity", d.Velocity);
        Put(signals, "Engagement", d.Engagement);
        Put(signals, "Champion", d.Champion);
        Put(signals, "Triggers", d.Triggers);
        return new NaiveAccount
        {
            Id = IdOf(index),
            Segment = d.Segment.ToString(),
            Plan = d.Plan,
            Arr = d.Arr,
            SeatsPurchased = d.SeatsPurchased,
            SeatsActive = d.SeatsActive,
            RenewalDate = d.RenewalDate,
            HealthScore = d.HealthScore,
            OpenP1P2Tickets = d.OpenP1P2Tickets,
            ContractStart = d.ContractStart,
            Signals = signals,
        };
    }

    private static double? Maybe(Random r, double missingRate, double value) => r.NextDouble() < missingRate ? null : value;

    private static double Skewed(Random r, double mean, double sd) => Math.Round(Math.Clamp(mean + (Gaussian(r) * sd), 0, 100), 1);

    private static double Gaussian(Random r)
    {
        // Box–Muller; 1 - NextDouble() keeps the logarithm's argument above 0.
        double u1 = 1.0 - r.NextDouble();
        double u2 = r.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    private static void Put(Dictionary<string, double> signals, string name, double? value)
    {
        if (value is { } v)
        {
            signals[name] = v;
        }
    }

    private readonly record struct Draw(
        Segment Segment,
        string Plan,
        double Arr,
        int SeatsPurchased,
        int SeatsActive,
        double PlanFit,
        double? Velocity,
        double? Engagement,
        double? Champion,
        double? Triggers,
        DateOnly? RenewalDate,
        double? HealthScore,
        int? OpenP1P2Tickets,
        DateOnly? ContractStart);
}

/// <summary>An account as one would model it in an afternoon: a plain class with a dictionary of signals.</summary>
public sealed class NaiveAccount
{
    public required string Id { get; init; }

    public required string Segment { get; init; }

    public string? Plan { get; init; }

    public double Arr { get; init; }

    public int SeatsPurchased { get; init; }

    public int SeatsActive { get; init; }

    public DateOnly? RenewalDate { get; init; }

    public double? HealthScore { get; init; }

    public int? OpenP1P2Tickets { get; init; }

    public DateOnly? ContractStart { get; init; }

    public required Dictionary<string, double> Signals { get; init; }
}
