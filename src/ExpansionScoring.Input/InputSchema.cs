using System.Text;

namespace ExpansionScoring.Input;

/// <summary>
/// The input columns the tool knows: the built-in ones of the contract, then any extra signals declared in
/// <c>--config</c> (<see cref="ExpansionScoringOptions.Signals"/>), which accounts supply directly. CSV headers use
/// snake_case (<c>account_id</c>), JSON objects camelCase (<c>accountId</c>); both are matched case-insensitively and
/// without regard to '_', '-', '.' or spaces, so either spelling works in either format.
/// </summary>
internal sealed class InputSchema
{
    public const int AccountId = 0;
    public const int Arr = 1;
    public const int Name = 2;
    public const int Segment = 3;
    public const int Plan = 4;
    public const int PlanFit = 5;
    public const int Velocity = 6;
    public const int Engagement = 7;
    public const int Champion = 8;
    public const int Triggers = 9;
    public const int SeatSaturation = 10;
    public const int SeatsPurchased = 11;
    public const int SeatsActive = 12;
    public const int DaysToRenewal = 13;
    public const int RenewalDate = 14;
    public const int HealthScore = 15;
    public const int OpenP1P2Tickets = 16;
    public const int ContractStartDate = 17;
    public const int UsageTrendPct = 18;
    public const int FeaturesUsed = 19;
    public const int FeaturesAvailable = 20;
    public const int ActiveDepartments = 21;
    public const int ChampionLevel = 22;
    public const int ExecSponsor = 23;
    public const int ChampionLastTouchDays = 24;
    public const int TriggerEvents = 25;
    public const int BuiltInCount = 26;

    private static readonly string[] BuiltInSnakeNames =
    [
        "account_id", "arr", "name", "segment", "plan",
        "plan_fit", "velocity", "engagement", "champion", "triggers",
        "seat_saturation", "seats_purchased", "seats_active", "days_to_renewal", "renewal_date",
        "health_score", "open_p1_p2_tickets", "contract_start_date",
        "usage_trend_pct", "features_used", "features_available", "active_departments",
        "champion_level", "exec_sponsor", "champion_last_touch_days", "trigger_events",
    ];

    private readonly Dictionary<string, int> byKey = new(StringComparer.Ordinal);

    public InputSchema(IEnumerable<string>? extraSignals = null)
    {
        var snake = new List<string>(BuiltInSnakeNames);
        var camel = new List<string>(BuiltInSnakeNames.Select(ToCamel));
        var signals = new List<string>();
        for (int i = 0; i < snake.Count; i++)
        {
            byKey[Normalize(snake[i])] = i;
        }

        foreach (string signal in extraSignals ?? [])
        {
            string key = Normalize(signal);
            if (key.Length == 0 || byKey.ContainsKey(key))
            {
                continue;
            }

            byKey[key] = snake.Count;
            snake.Add(ToSnake(signal));
            camel.Add(ToCamel(ToSnake(signal)));
            signals.Add(signal);
        }

        SnakeNames = snake;
        CamelNames = camel;
        ExtraSignals = signals;
    }

    /// <summary>Gets the CSV spelling of every column, by index.</summary>
    public IReadOnlyList<string> SnakeNames { get; }

    /// <summary>Gets the JSON spelling of every field, by index.</summary>
    public IReadOnlyList<string> CamelNames { get; }

    /// <summary>Gets the extra signals from the configuration; column <see cref="BuiltInCount"/> + i supplies signal i.</summary>
    public IReadOnlyList<string> ExtraSignals { get; }

    public int Count => SnakeNames.Count;

    /// <summary>Finds the column a header name or JSON property names.</summary>
    public bool TryFind(string name, out int index) => byKey.TryGetValue(Normalize(name), out index);

    /// <summary>Lower-cases and drops '_', '-', '.' and white space, and reads '%' as <c>pct</c>: <c>Account_ID</c>, <c>accountId</c> and <c>account-id</c> all become <c>accountid</c>, <c>Usage Trend %</c> becomes <c>usagetrendpct</c>.</summary>
    public static string Normalize(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (char c in name)
        {
            if (c is '_' or '-' or '.' || char.IsWhiteSpace(c))
            {
                continue;
            }

            if (c == '%')
            {
                sb.Append("pct"); // A spreadsheet's "Usage Trend %" is usage_trend_pct.
                continue;
            }

            sb.Append(char.ToLowerInvariant(c));
        }

        return sb.ToString();
    }

    /// <summary><c>PlanFit</c> → <c>plan_fit</c>; <c>OpenP1P2Tickets</c> → <c>open_p1_p2_tickets</c>.</summary>
    public static string ToSnake(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (c is '-' or ' ' or '.')
            {
                c = '_';
            }

            bool boundary = i > 0 && sb.Length > 0 && sb[^1] != '_' &&
                ((char.IsUpper(c) && !char.IsUpper(name[i - 1])) || (char.IsUpper(c) && i + 1 < name.Length && char.IsLower(name[i + 1])));
            if (boundary)
            {
                sb.Append('_');
            }

            sb.Append(char.ToLowerInvariant(c));
        }

        return sb.ToString();
    }

    /// <summary><c>open_p1_p2_tickets</c> → <c>openP1P2Tickets</c>.</summary>
    public static string ToCamel(string snake)
    {
        var sb = new StringBuilder(snake.Length);
        bool upper = false;
        foreach (char c in snake)
        {
            if (c == '_')
            {
                upper = sb.Length > 0;
                continue;
            }

            sb.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }

        return sb.ToString();
    }
}
