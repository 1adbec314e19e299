using System.Globalization;
using ExpansionScoring.Input.Values;
using ExpansionScoring.Signals;

namespace ExpansionScoring.Input;

/// <summary>
/// Turns the raw text values of one row into a validated <see cref="Account"/>, or into a <see cref="Rejection"/> that
/// names every field at fault, its value and why. CSV and JSON rows go through the same code, so both formats
/// accept and reject exactly the same data. Stateful: it remembers account ids to reject later duplicates.
/// </summary>
internal sealed class AccountRowParser
{
    private static readonly string AllowedSegments = string.Join(", ", Enum.GetNames<Segment>());
    private static readonly string AllowedChampionLevels = string.Join(", ", Enum.GetNames<ChampionLevel>());

    private readonly InputSchema schema;
    private readonly IReadOnlyList<string> fieldNames;
    private readonly DuplicateIdIndex seen = new();
    private readonly SignalKey[] extraSignalKeys;
    private readonly ValueParser values;
    private readonly int[] columnOrder;

    /// <param name="schema">The known columns.</param>
    /// <param name="fieldNames">How the input spells each column, for messages (CSV header text or JSON property names).</param>
    /// <param name="values">How values are written (culture, date formats); <see cref="ValueParser.Invariant"/> when <see langword="null"/>.</param>
    /// <param name="columnOfField">The file column of each field, so a row's bad fields are listed in file order; schema order when <see langword="null"/>.</param>
    public AccountRowParser(InputSchema schema, IReadOnlyList<string> fieldNames, ValueParser? values = null, IReadOnlyList<int>? columnOfField = null)
    {
        columnOrder = [.. Enumerable.Range(0, schema.Count).Select(f => columnOfField is not null && f < columnOfField.Count && columnOfField[f] >= 0 ? columnOfField[f] : int.MaxValue - schema.Count + f)];
        this.schema = schema;
        this.fieldNames = fieldNames;
        this.values = values ?? ValueParser.Invariant;
        extraSignalKeys = [.. schema.ExtraSignals.Select(SignalKey.Of)];
    }

    /// <summary>Gets how values are read.</summary>
    public ValueParser Values => values;

    /// <summary>Tells the parser about how many rows to expect, so it can size its duplicate index once.</summary>
    public void ExpectRows(long rows) => seen.Reserve(rows);

    /// <summary>Hashes an id as the duplicate index does, for <see cref="TryAddId(ulong, long)"/>; any thread may call it.</summary>
    /// <param name="id">The trimmed id.</param>
    /// <returns>The id's hash.</returns>
    public static ulong HashId(ReadOnlySpan<char> id) => DuplicateIdIndex.Hash(id);

    /// <summary>Asks for the duplicate index's slot of an id by its <see cref="HashId"/>, some rows ahead of <see cref="TryAddId(ulong, long)"/> (see <see cref="DuplicateIdIndex"/>).</summary>
    /// <param name="idHash">The id's hash.</param>
    public void PrefetchId(ulong idHash) => seen.Prefetch(idHash);

    /// <summary>Records an id the columnar reader accepted, by its <see cref="HashId"/>, so later duplicates are rejected whichever reader sees them.</summary>
    /// <returns><see langword="false"/> when it is a duplicate (nothing is recorded; parse the row to reject it).</returns>
    public bool TryAddId(ulong idHash, long line) => seen.TryAdd(idHash, line);

    /// <summary>Parses one row, naming every bad field of it, not only the first.</summary>
    /// <returns>The account, or <see langword="null"/> with <paramref name="rejection"/> set.</returns>
    public Account? Parse(in InputRow row, out Rejection? rejection)
    {
        var v = row.Values;
        string? id = v[InputSchema.AccountId] is { } rawId ? ValueParser.Trim(rawId) : null;
        if (row.Problem is { } problem)
        {
            rejection = problem with { AccountId = problem.AccountId ?? id };
            return null;
        }

        var ctx = new RowContext(this, row.Line, id, v);
        if (string.IsNullOrEmpty(id))
        {
            ctx.Fail(InputSchema.AccountId, "account_id is required");
        }
        else if (!seen.TryAdd(id, row.Line, out long firstLine))
        {
            rejection = ctx.Reject(InputSchema.AccountId, $"duplicate account_id '{id}': first seen on line {firstLine}; this later row is rejected");
            return null;
        }

        if (v[InputSchema.Arr] is null)
        {
            ctx.Fail(InputSchema.Arr, "arr is required");
        }

        try
        {
            var account = Build(ref ctx);
            rejection = ctx.Rejection;
            return rejection is null ? account : null;
        }
        catch (ArgumentException ex)
        {
            // A safety net: the checks above mirror Account's own guards, which name the property at fault.
            int column = ColumnOfProperty(ex.ParamName);
            rejection = column >= 0
                ? ctx.Reject(column, FirstLine(ex.Message))
                : new Rejection(row.Line, id, Rejection.WholeRow, null, FirstLine(ex.Message));
            return null;
        }
    }

    /// <summary>Reads one value as field <paramref name="field"/> would be read, for <c>inspect</c>: what it parses to, or why it does not.</summary>
    /// <param name="field">The schema field.</param>
    /// <param name="text">The value as written.</param>
    /// <param name="ok"><see langword="false"/> when the value would reject its row.</param>
    /// <returns>The value as the tool reads it (invariant numbers, ISO dates), or the reason.</returns>
    public string Preview(int field, string text, out bool ok)
    {
        var values = new string?[schema.Count];
        values[field] = text;
        var c = new RowContext(this, 0, "preview", values);
        string shown = field switch
        {
            InputSchema.AccountId or InputSchema.Name or InputSchema.Plan => ValueParser.Trim(text),
            InputSchema.Segment => c.Segment().ToString(),
            InputSchema.ChampionLevel => c.ChampionLevel()?.ToString() ?? string.Empty,
            InputSchema.ExecSponsor => c.Boolean(field) is { } b ? (b ? "true" : "false") : string.Empty,
            InputSchema.TriggerEvents => c.TriggerEvents() is { } events ? string.Join("; ", events.Select(e => $"{e.Kind} {e.Date:yyyy-MM-dd}")) : string.Empty,
            InputSchema.RenewalDate or InputSchema.ContractStartDate => c.Date(field)?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty,
            InputSchema.SeatsPurchased or InputSchema.SeatsActive or InputSchema.DaysToRenewal or InputSchema.OpenP1P2Tickets
                or InputSchema.FeaturesUsed or InputSchema.FeaturesAvailable or InputSchema.ActiveDepartments or InputSchema.ChampionLastTouchDays
                => c.Integer(field, nonNegative: field != InputSchema.DaysToRenewal)?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
            InputSchema.Arr => Shown(c.Number(field, NumberKind.Money, 0, double.PositiveInfinity, "ARR")),
            InputSchema.SeatSaturation => Shown(c.Number(field, NumberKind.Ratio, 0, double.PositiveInfinity, "seat saturation")),
            InputSchema.UsageTrendPct => Shown(c.Number(field, NumberKind.Percent, double.NegativeInfinity, double.PositiveInfinity, null)),
            _ => Shown(c.Number(field, NumberKind.Score, 0, 100, null)),
        };
        ok = c.Rejection is null;
        return c.Rejection is { } r ? r.Reason : shown;

        static string Shown(double? x) => x?.ToString("R", CultureInfo.InvariantCulture) ?? string.Empty;
    }

    private static string FirstLine(string message)
    {
        int cut = message.IndexOf(" (Parameter", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    private static int ColumnOfProperty(string? property) => property switch
    {
        nameof(Account.Id) => InputSchema.AccountId,
        nameof(Account.Arr) => InputSchema.Arr,
        nameof(Account.Segment) => InputSchema.Segment,
        nameof(Account.SeatsPurchased) => InputSchema.SeatsPurchased,
        nameof(Account.SeatsActive) => InputSchema.SeatsActive,
        nameof(Account.SeatSaturation) => InputSchema.SeatSaturation,
        nameof(Account.HealthScore) => InputSchema.HealthScore,
        nameof(Account.OpenP1P2Tickets) => InputSchema.OpenP1P2Tickets,
        nameof(AccountTelemetry.UsageTrendPercent) => InputSchema.UsageTrendPct,
        nameof(AccountTelemetry.FeaturesUsed) => InputSchema.FeaturesUsed,
        nameof(AccountTelemetry.FeaturesAvailable) => InputSchema.FeaturesAvailable,
        nameof(AccountTelemetry.ActiveDepartments) => InputSchema.ActiveDepartments,
        nameof(AccountTelemetry.ChampionLastTouchDays) => InputSchema.ChampionLastTouchDays,
        _ => -1,
    };

    private Account? Build(ref RowContext c)
    {
        var v = c.Values;
        double arr = c.Number(InputSchema.Arr, NumberKind.Money, 0, Account.MaxArr, "ARR") ?? 0;
        var segment = c.Segment();

        var signals = SignalValues.Empty;
        for (int col = InputSchema.PlanFit; col <= InputSchema.Triggers; col++)
        {
            if (c.Number(col, NumberKind.Score, 0, 100, null) is { } s)
            {
                signals = signals.With(SignalKey.BuiltIn[col - InputSchema.PlanFit], s);
            }
        }

        for (int i = 0; i < extraSignalKeys.Length; i++)
        {
            if (c.Number(InputSchema.BuiltInCount + i, NumberKind.Score, 0, 100, null) is { } s)
            {
                signals = signals.With(extraSignalKeys[i], s);
            }
        }

        double? seatSaturation = c.Number(InputSchema.SeatSaturation, NumberKind.Ratio, 0, double.PositiveInfinity, "seat saturation");
        int? seatsPurchased = c.Integer(InputSchema.SeatsPurchased, nonNegative: true);
        int? seatsActive = c.Integer(InputSchema.SeatsActive, nonNegative: true);
        int? daysToRenewal = c.Integer(InputSchema.DaysToRenewal, nonNegative: false);
        DateOnly? renewalDate = c.Date(InputSchema.RenewalDate);
        double? health = c.Number(InputSchema.HealthScore, NumberKind.Score, 0, 100, null);
        int? tickets = c.Integer(InputSchema.OpenP1P2Tickets, nonNegative: true);
        DateOnly? contractStart = c.Date(InputSchema.ContractStartDate);

        double? trend = c.Number(InputSchema.UsageTrendPct, NumberKind.Percent, double.NegativeInfinity, double.PositiveInfinity, null);
        int? featuresUsed = c.Integer(InputSchema.FeaturesUsed, nonNegative: true);
        int? featuresAvailable = c.Integer(InputSchema.FeaturesAvailable, nonNegative: true);
        int? departments = c.Integer(InputSchema.ActiveDepartments, nonNegative: true);
        var championLevel = c.ChampionLevel();
        bool? execSponsor = c.Boolean(InputSchema.ExecSponsor);
        int? lastTouch = c.Integer(InputSchema.ChampionLastTouchDays, nonNegative: true);
        var triggerEvents = c.TriggerEvents();

        if (c.Rejection is not null)
        {
            return null;
        }

        bool anyTelemetry = trend.HasValue || featuresUsed.HasValue || featuresAvailable.HasValue || departments.HasValue ||
            championLevel.HasValue || execSponsor.HasValue || lastTouch.HasValue || triggerEvents is not null;

        return new Account
        {
            Id = c.Id!,
            Name = v[InputSchema.Name],
            Segment = segment,
            Plan = v[InputSchema.Plan],
            Arr = arr,
            Signals = signals,
            SeatSaturation = seatSaturation,
            SeatsPurchased = seatsPurchased,
            SeatsActive = seatsActive,
            DaysToRenewal = daysToRenewal,
            RenewalDate = renewalDate,
            HealthScore = health,
            OpenP1P2Tickets = tickets,
            ContractStartDate = contractStart,
            Telemetry = anyTelemetry
                ? new AccountTelemetry
                {
                    UsageTrendPercent = trend,
                    FeaturesUsed = featuresUsed,
                    FeaturesAvailable = featuresAvailable,
                    ActiveDepartments = departments,
                    ChampionLevel = championLevel,
                    ExecSponsor = execSponsor,
                    ChampionLastTouchDays = lastTouch,
                    TriggerEvents = triggerEvents,
                }
                : null,
        };
    }

    /// <summary>Reads typed values from one row, collecting every problem found.</summary>
    private ref struct RowContext(AccountRowParser parser, long line, string? id, string?[] values)
    {
        private List<(int Column, Rejection Problem)>? problems;

        public readonly string?[] Values => values;

        public readonly string? Id => id;

        /// <summary>Gets the row's rejection: the first problem, carrying the others.</summary>
        public readonly Rejection? Rejection
        {
            get
            {
                if (problems is null)
                {
                    return null;
                }

                // In column order, whichever order the fields were read in.
                var ordered = problems.OrderBy(p => p.Column).Select(p => p.Problem).ToList();
                return ordered[0] with { Others = ordered.Count > 1 ? ordered[1..] : [] };
            }
        }

        public readonly Rejection Reject(int column, string reason)
            => new(line, string.IsNullOrEmpty(id) ? null : id, parser.fieldNames[column], values[column], reason);

        public double? Number(int column, NumberKind kind, double min, double max, string? what)
        {
            string? text = values[column];
            if (text is null)
            {
                return null;
            }

            if (!parser.values.TryNumber(text, kind, out double x, out string error))
            {
                Fail(column, error);
                return null;
            }

            if (x < min || x > max)
            {
                string name = what ?? parser.fieldNames[column];
                Fail(column, double.IsPositiveInfinity(max) || (what is not null && x < min)
                    ? $"{name} must be >= {min.ToString(CultureInfo.InvariantCulture)}, was {text}"
                    : what is not null
                        ? $"{name} must be <= {max.ToString(CultureInfo.InvariantCulture)} (the most the money sums hold), was {text}"
                        : $"{text} is outside {min.ToString(CultureInfo.InvariantCulture)}–{max.ToString(CultureInfo.InvariantCulture)}");
                return null;
            }

            return x;
        }

        public int? Integer(int column, bool nonNegative)
        {
            string? text = values[column];
            if (text is null)
            {
                return null;
            }

            if (!parser.values.TryWhole(text, out int n, out string error))
            {
                Fail(column, error);
                return null;
            }

            if (nonNegative && n < 0)
            {
                Fail(column, $"must be >= 0, was {text}");
                return null;
            }

            return n;
        }

        public DateOnly? Date(int column)
        {
            string? text = values[column];
            if (text is null)
            {
                return null;
            }

            if (!parser.values.TryDate(text, out var date, out string error))
            {
                Fail(column, error);
                return null;
            }

            return date;
        }

        public Segment Segment()
        {
            string? text = values[InputSchema.Segment];
            if (text is null)
            {
                return Account.DefaultSegment;
            }

            if (TryParseEnum(text, out Segment segment))
            {
                return segment;
            }

            Fail(InputSchema.Segment, $"unknown segment '{text}' (allowed: {AllowedSegments}; mid-market is accepted too)");
            return Account.DefaultSegment;
        }

        public ChampionLevel? ChampionLevel()
        {
            string? text = values[InputSchema.ChampionLevel];
            if (text is null)
            {
                return null;
            }

            if (TryParseEnum(text, out ChampionLevel level))
            {
                return level;
            }

            Fail(InputSchema.ChampionLevel, $"unknown champion level '{text}' (allowed: {AllowedChampionLevels})");
            return null;
        }

        public bool? Boolean(int column)
        {
            string? text = values[column];
            if (text is null)
            {
                return null;
            }

            if (ValueParser.TryBoolean(text, out bool value))
            {
                return value;
            }

            Fail(column, $"'{text}' is not true or false (also accepted: yes/no, y/n, 1/0)");
            return null;
        }

        public List<TriggerEvent>? TriggerEvents()
        {
            string? text = values[InputSchema.TriggerEvents];
            if (text is null)
            {
                return null;
            }

            var events = new List<TriggerEvent>();
            if (string.Equals(text.Trim(), "none", StringComparison.OrdinalIgnoreCase))
            {
                return events;
            }

            foreach (string part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                int at = part.IndexOf('@', StringComparison.Ordinal);
                if (at <= 0)
                {
                    Fail(InputSchema.TriggerEvents, $"'{part}' is not kind@yyyy-MM-dd (for example funding_round@2026-11-01)");
                    return null;
                }

                string kindText = part[..at];
                string dateText = part[(at + 1)..];
                if (!TriggerEventNames.TryParse(kindText, out TriggerEventKind kind))
                {
                    Fail(InputSchema.TriggerEvents, $"unknown trigger event '{kindText}' (allowed: {TriggerEventNames.Allowed})");
                    return null;
                }

                if (!parser.values.TryDate(dateText, out var date, out string error))
                {
                    Fail(InputSchema.TriggerEvents, $"in '{part}': {error}");
                    return null;
                }

                events.Add(new TriggerEvent(kind, date));
            }

            return events;
        }

        public void Fail(int column, string reason) => (problems ??= []).Add((parser.columnOrder[column], Reject(column, reason)));
    }

    /// <summary>An ISO date, <c>yyyy-MM-dd</c>, as <c>--as-of</c> takes it.</summary>
    internal static bool TryParseDate(string text, out DateOnly date)
        => DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>Matches an enum name case-insensitively, ignoring '_', '-', '.' and spaces (<c>mid-market</c>, <c>c_level</c>, <c>funding_round</c>). Numbers are not accepted.</summary>
    internal static bool TryParseEnum<T>(string text, out T value)
        where T : struct, Enum
        => EnumNames<T>.ByKey.TryGetValue(InputSchema.Normalize(text), out value);

    private static class EnumNames<T>
        where T : struct, Enum
    {
        public static readonly Dictionary<string, T> ByKey = Enum.GetValues<T>().ToDictionary(e => InputSchema.Normalize(e.ToString()), StringComparer.Ordinal);
    }
}
