using System.Globalization;
using System.Text.Json;
using ExpansionScoring.Signals;
using ExpansionScoring.Windows;

namespace ExpansionScoring.Serialization;

/// <summary>
/// Reads and writes the account shapes by hand so that reading reports every bad field at once (the types validate
/// in their init setters, which a generated reader would stop at on the first problem).
/// Property names follow the options' naming policy on write and match case-insensitively on read.
/// </summary>
internal static class AccountJson
{
    private static readonly string[] AccountFields =
    [
        nameof(Account.Id), nameof(Account.Name), nameof(Account.Segment), nameof(Account.Plan), nameof(Account.Arr),
        nameof(Account.Signals), nameof(Account.SeatsPurchased), nameof(Account.SeatsActive), nameof(Account.SeatSaturation),
        nameof(Account.DaysToRenewal), nameof(Account.RenewalDate), nameof(Account.HealthScore), nameof(Account.OpenP1P2Tickets),
        nameof(Account.ContractStartDate), nameof(Account.Telemetry), nameof(Account.Metrics), nameof(Account.WindowOverride),
    ];

    private static readonly string[] TelemetryFields =
    [
        nameof(AccountTelemetry.MeteredUsageSaturation), nameof(AccountTelemetry.UsageTrendPercent), nameof(AccountTelemetry.FeaturesUsed),
        nameof(AccountTelemetry.FeaturesAvailable), nameof(AccountTelemetry.ActiveDepartments), nameof(AccountTelemetry.ChampionLevel),
        nameof(AccountTelemetry.ExecSponsor), nameof(AccountTelemetry.ChampionLastTouchDays), nameof(AccountTelemetry.TriggerEvents),
    ];

    private static readonly string[] OverrideFields =
    [
        nameof(WindowOverride.Window), nameof(WindowOverride.Reason), nameof(WindowOverride.Author),
        nameof(WindowOverride.CreatedAt), nameof(WindowOverride.ExpiresOn),
    ];

    private static readonly string[] TriggerFields = [nameof(TriggerEvent.Kind), nameof(TriggerEvent.Date)];

    // ---------------------------------------------------------------- reading

    /// <summary>Reads one value with <paramref name="read"/> and throws one exception listing every bad field.</summary>
    public static T? ReadChecked<T>(ref Utf8JsonReader reader, JsonSerializerOptions options, Func<JsonElement, JsonSerializerOptions?, JsonFieldErrors, string, T?> read)
        where T : class
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var errors = new JsonFieldErrors();
        var result = read(document.RootElement, options, errors, string.Empty);
        return errors.HasErrors ? throw errors.ToException() : result;
    }

    public static Account? ReadAccount(JsonElement json, JsonSerializerOptions? options, JsonFieldErrors errors, string path)
    {
        if (!ExpectObject(json, errors, path))
        {
            return null;
        }

        // Id is required; a placeholder lets the other fields be checked (and reported) too.
        var account = new Account { Id = "?" };
        bool hasId = false;
        foreach (var p in json.EnumerateObject())
        {
            var value = p.Value;
            string at = JsonFieldErrors.Join(path, p.Name);
            switch (Match(p.Name, AccountFields, options))
            {
                case nameof(Account.Id):
                    hasId = true;
                    errors.Try(at, () => account = account with { Id = ReadString(value)! });
                    break;
                case nameof(Account.Name):
                    errors.Try(at, () => account = account with { Name = ReadString(value) });
                    break;
                case nameof(Account.Segment):
                    errors.Try(at, () => account = account with { Segment = ReadEnum<Segment>(value, options) ?? Account.DefaultSegment });
                    break;
                case nameof(Account.Plan):
                    errors.Try(at, () => account = account with { Plan = ReadString(value) });
                    break;
                case nameof(Account.Arr):
                    errors.Try(at, () => account = account with { Arr = ReadDouble(value, options) ?? 0 });
                    break;
                case nameof(Account.Signals):
                    account = account with { Signals = ReadSignals(value, options, errors, at) ?? SignalValues.Empty };
                    break;
                case nameof(Account.SeatsPurchased):
                    errors.Try(at, () => account = account with { SeatsPurchased = ReadInt(value, options) });
                    break;
                case nameof(Account.SeatsActive):
                    errors.Try(at, () => account = account with { SeatsActive = ReadInt(value, options) });
                    break;
                case nameof(Account.SeatSaturation):
                    errors.Try(at, () => account = account with { SeatSaturation = ReadDouble(value, options) });
                    break;
                case nameof(Account.DaysToRenewal):
                    errors.Try(at, () => account = account with { DaysToRenewal = ReadInt(value, options) });
                    break;
                case nameof(Account.RenewalDate):
                    errors.Try(at, () => account = account with { RenewalDate = ReadDate(value) });
                    break;
                case nameof(Account.HealthScore):
                    errors.Try(at, () => account = account with { HealthScore = ReadDouble(value, options) });
                    break;
                case nameof(Account.OpenP1P2Tickets):
                    errors.Try(at, () => account = account with { OpenP1P2Tickets = ReadInt(value, options) });
                    break;
                case nameof(Account.ContractStartDate):
                    errors.Try(at, () => account = account with { ContractStartDate = ReadDate(value) });
                    break;
                case nameof(Account.Telemetry):
                    account = account with { Telemetry = value.ValueKind == JsonValueKind.Null ? null : ReadTelemetry(value, options, errors, at) };
                    break;
                case nameof(Account.Metrics):
                    account = account with { Metrics = value.ValueKind == JsonValueKind.Null ? null : ReadMetrics(value, options, errors, at) };
                    break;
                case nameof(Account.WindowOverride):
                    account = account with { WindowOverride = value.ValueKind == JsonValueKind.Null ? null : ReadWindowOverride(value, options, errors, at) };
                    break;
                default:
                    Unmapped(p.Name, options, errors, at);
                    break;
            }
        }

        if (!hasId)
        {
            errors.Add(JsonFieldErrors.Join(path, Name(nameof(Account.Id), options)), "The account's Id is required.");
        }

        return account;
    }

    public static AccountTelemetry? ReadTelemetry(JsonElement json, JsonSerializerOptions? options, JsonFieldErrors errors, string path)
    {
        if (!ExpectObject(json, errors, path))
        {
            return null;
        }

        var t = new AccountTelemetry();
        foreach (var p in json.EnumerateObject())
        {
            var value = p.Value;
            string at = JsonFieldErrors.Join(path, p.Name);
            switch (Match(p.Name, TelemetryFields, options))
            {
                case nameof(AccountTelemetry.MeteredUsageSaturation):
                    errors.Try(at, () => t = t with { MeteredUsageSaturation = ReadDouble(value, options) });
                    break;
                case nameof(AccountTelemetry.UsageTrendPercent):
                    errors.Try(at, () => t = t with { UsageTrendPercent = ReadDouble(value, options) });
                    break;
                case nameof(AccountTelemetry.FeaturesUsed):
                    errors.Try(at, () => t = t with { FeaturesUsed = ReadInt(value, options) });
                    break;
                case nameof(AccountTelemetry.FeaturesAvailable):
                    errors.Try(at, () => t = t with { FeaturesAvailable = ReadInt(value, options) });
                    break;
                case nameof(AccountTelemetry.ActiveDepartments):
                    errors.Try(at, () => t = t with { ActiveDepartments = ReadInt(value, options) });
                    break;
                case nameof(AccountTelemetry.ChampionLevel):
                    errors.Try(at, () => t = t with { ChampionLevel = ReadEnum<ChampionLevel>(value, options) });
                    break;
                case nameof(AccountTelemetry.ExecSponsor):
                    errors.Try(at, () => t = t with { ExecSponsor = ReadBool(value) });
                    break;
                case nameof(AccountTelemetry.ChampionLastTouchDays):
                    errors.Try(at, () => t = t with { ChampionLastTouchDays = ReadInt(value, options) });
                    break;
                case nameof(AccountTelemetry.TriggerEvents):
                    t = t with { TriggerEvents = value.ValueKind == JsonValueKind.Null ? null : ReadTriggerEvents(value, options, errors, at) };
                    break;
                default:
                    Unmapped(p.Name, options, errors, at);
                    break;
            }
        }

        return t;
    }

    public static WindowOverride? ReadWindowOverride(JsonElement json, JsonSerializerOptions? options, JsonFieldErrors errors, string path)
    {
        if (!ExpectObject(json, errors, path))
        {
            return null;
        }

        PitchWindow? window = null;
        string? reason = null, author = null;
        DateTimeOffset? createdAt = null;
        DateOnly? expiresOn = null;
        bool ok = true;
        foreach (var p in json.EnumerateObject())
        {
            var value = p.Value;
            string at = JsonFieldErrors.Join(path, p.Name);
            ok &= Match(p.Name, OverrideFields, options) switch
            {
                nameof(WindowOverride.Window) => errors.Try(at, () => window = ReadEnum<PitchWindow>(value, options)),
                nameof(WindowOverride.Reason) => errors.Try(at, () => reason = ReadString(value)),
                nameof(WindowOverride.Author) => errors.Try(at, () => author = ReadString(value)),
                nameof(WindowOverride.CreatedAt) => errors.Try(at, () => createdAt = ReadDateTimeOffset(value)),
                nameof(WindowOverride.ExpiresOn) => errors.Try(at, () => expiresOn = ReadDate(value)),
                _ => Unmapped(p.Name, options, errors, at),
            };
        }

        if (window is null)
        {
            errors.Add(JsonFieldErrors.Join(path, Name(nameof(WindowOverride.Window), options)), "The override's Window is required.");
            ok = false;
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            errors.Add(JsonFieldErrors.Join(path, Name(nameof(WindowOverride.Reason), options)), "The override's Reason is required and must not be empty.");
            ok = false;
        }

        if (!ok)
        {
            return null;
        }

        WindowOverride? result = null;
        errors.Try(path, () => result = new WindowOverride { Window = window!.Value, Reason = reason!, Author = author, CreatedAt = createdAt, ExpiresOn = expiresOn });
        return result;
    }

    public static SignalValues? ReadSignals(JsonElement json, JsonSerializerOptions? options, JsonFieldErrors errors, string path)
    {
        if (json.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (!ExpectObject(json, errors, path))
        {
            return null;
        }

        var result = SignalValues.Empty;
        foreach (var p in json.EnumerateObject())
        {
            var value = p.Value;
            string at = JsonFieldErrors.Join(path, p.Name);
            if (!SignalKey.IsValidName(p.Name))
            {
                errors.Add(at, $"'{p.Name}' is not a valid signal name: use letters, digits, '_', '-' or '.', starting with a letter, at most 64 characters.");
                continue;
            }

            if (value.ValueKind == JsonValueKind.Object)
            {
                // A dated signal: {"value": 92, "observedOn": "2026-10-01"}.
                JsonElement? number = null;
                DateOnly? observedOn = null;
                foreach (var part in value.EnumerateObject())
                {
                    if (string.Equals(part.Name, "value", StringComparison.OrdinalIgnoreCase))
                    {
                        number = part.Value;
                    }
                    else if (string.Equals(part.Name, "observedOn", StringComparison.OrdinalIgnoreCase))
                    {
                        errors.Try(JsonFieldErrors.Join(at, part.Name), () => observedOn = ReadDate(part.Value));
                    }
                }

                errors.Try(at, () => result = result.With(
                    SignalKey.Of(p.Name),
                    (number is { } n ? ReadDouble(n, options) : null) ?? throw new FormatException("A dated signal needs a \"value\" number in 0..100."),
                    observedOn));
                continue;
            }

            errors.Try(at, () => result = result.With(SignalKey.Of(p.Name), ReadDouble(value, options) ?? throw new FormatException("A signal value must be a number in 0..100, was null.")));
        }

        return result;
    }

    // ---------------------------------------------------------------- writing

    public static void WriteAccount(Utf8JsonWriter writer, Account account, JsonSerializerOptions? options)
    {
        writer.WriteStartObject();
        writer.WriteString(Name(nameof(Account.Id), options), account.Id);
        WriteIfNotNull(writer, nameof(Account.Name), account.Name, options);
        writer.WriteString(Name(nameof(Account.Segment), options), account.Segment.ToString());
        WriteIfNotNull(writer, nameof(Account.Plan), account.Plan, options);
        writer.WriteNumber(Name(nameof(Account.Arr), options), account.Arr);
        if (account.Signals.Count > 0)
        {
            writer.WritePropertyName(Name(nameof(Account.Signals), options));
            WriteSignals(writer, account.Signals);
        }

        WriteIfNotNull(writer, nameof(Account.SeatsPurchased), account.SeatsPurchased, options);
        WriteIfNotNull(writer, nameof(Account.SeatsActive), account.SeatsActive, options);
        WriteIfNotNull(writer, nameof(Account.SeatSaturation), account.SeatSaturation, options);
        WriteIfNotNull(writer, nameof(Account.DaysToRenewal), account.DaysToRenewal, options);
        WriteIfNotNull(writer, nameof(Account.RenewalDate), account.RenewalDate, options);
        WriteIfNotNull(writer, nameof(Account.HealthScore), account.HealthScore, options);
        WriteIfNotNull(writer, nameof(Account.OpenP1P2Tickets), account.OpenP1P2Tickets, options);
        WriteIfNotNull(writer, nameof(Account.ContractStartDate), account.ContractStartDate, options);
        if (account.Telemetry is { } telemetry)
        {
            writer.WritePropertyName(Name(nameof(Account.Telemetry), options));
            WriteTelemetry(writer, telemetry, options);
        }

        if (account.Metrics is { } metrics)
        {
            writer.WriteStartObject(Name(nameof(Account.Metrics), options));
            foreach (var (key, value) in metrics)
            {
                writer.WriteNumber(key, value);
            }

            writer.WriteEndObject();
        }

        if (account.WindowOverride is { } windowOverride)
        {
            writer.WritePropertyName(Name(nameof(Account.WindowOverride), options));
            WriteWindowOverride(writer, windowOverride, options);
        }

        writer.WriteEndObject();
    }

    public static void WriteTelemetry(Utf8JsonWriter writer, AccountTelemetry t, JsonSerializerOptions? options)
    {
        writer.WriteStartObject();
        WriteIfNotNull(writer, nameof(AccountTelemetry.MeteredUsageSaturation), t.MeteredUsageSaturation, options);
        WriteIfNotNull(writer, nameof(AccountTelemetry.UsageTrendPercent), t.UsageTrendPercent, options);
        WriteIfNotNull(writer, nameof(AccountTelemetry.FeaturesUsed), t.FeaturesUsed, options);
        WriteIfNotNull(writer, nameof(AccountTelemetry.FeaturesAvailable), t.FeaturesAvailable, options);
        WriteIfNotNull(writer, nameof(AccountTelemetry.ActiveDepartments), t.ActiveDepartments, options);
        if (t.ChampionLevel is { } level)
        {
            writer.WriteString(Name(nameof(AccountTelemetry.ChampionLevel), options), level.ToString());
        }

        if (t.ExecSponsor is { } sponsor)
        {
            writer.WriteBoolean(Name(nameof(AccountTelemetry.ExecSponsor), options), sponsor);
        }

        WriteIfNotNull(writer, nameof(AccountTelemetry.ChampionLastTouchDays), t.ChampionLastTouchDays, options);
        if (t.TriggerEvents is { } events)
        {
            writer.WriteStartArray(Name(nameof(AccountTelemetry.TriggerEvents), options));
            foreach (var e in events)
            {
                writer.WriteStartObject();
                writer.WriteString(Name(nameof(TriggerEvent.Kind), options), e.Kind.ToString());
                writer.WriteString(Name(nameof(TriggerEvent.Date), options), FormatDate(e.Date));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    public static void WriteWindowOverride(Utf8JsonWriter writer, WindowOverride o, JsonSerializerOptions? options)
    {
        writer.WriteStartObject();
        writer.WriteString(Name(nameof(WindowOverride.Window), options), o.Window.ToString());
        writer.WriteString(Name(nameof(WindowOverride.Reason), options), o.Reason);
        WriteIfNotNull(writer, nameof(WindowOverride.Author), o.Author, options);
        if (o.CreatedAt is { } created)
        {
            writer.WriteString(Name(nameof(WindowOverride.CreatedAt), options), created);
        }

        WriteIfNotNull(writer, nameof(WindowOverride.ExpiresOn), o.ExpiresOn, options);
        writer.WriteEndObject();
    }

    public static void WriteSignals(Utf8JsonWriter writer, SignalValues signals)
    {
        writer.WriteStartObject();
        foreach (var (key, value) in signals)
        {
            if (signals.TryGetObservedOn(key, out var observedOn))
            {
                writer.WriteStartObject(key.Name);
                writer.WriteNumber("value", value);
                writer.WriteString("observedOn", observedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteNumber(key.Name, value);
            }
        }

        writer.WriteEndObject();
    }

    // ---------------------------------------------------------------- helpers

    /// <summary>Returns the canonical field name <paramref name="jsonName"/> stands for, or <see langword="null"/>.</summary>
    internal static string? Match(string jsonName, string[] fields, JsonSerializerOptions? options)
    {
        foreach (string field in fields)
        {
            if (string.Equals(jsonName, field, StringComparison.OrdinalIgnoreCase)
                || (options?.PropertyNamingPolicy is { } policy && string.Equals(jsonName, policy.ConvertName(field), StringComparison.OrdinalIgnoreCase)))
            {
                return field;
            }
        }

        return null;
    }

    internal static string Name(string field, JsonSerializerOptions? options)
        => options?.PropertyNamingPolicy?.ConvertName(field) ?? field;

    internal static bool ExpectObject(JsonElement json, JsonFieldErrors errors, string path)
    {
        if (json.ValueKind == JsonValueKind.Object)
        {
            return true;
        }

        errors.Add(path, $"Expected a JSON object, was {Describe(json.ValueKind)}.");
        return false;
    }

    internal static string? ReadString(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => value.GetString(),
        _ => throw new FormatException($"Expected a string, was {Describe(value.ValueKind)}."),
    };

    internal static double? ReadDouble(JsonElement value, JsonSerializerOptions? options)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.Number:
                return value.GetDouble();
            case JsonValueKind.String when AllowsNumbersAsStrings(options)
                && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed):
                return parsed;
            default:
                throw new FormatException($"Expected a number, was {Describe(value.ValueKind)}.");
        }
    }

    internal static int? ReadInt(JsonElement value, JsonSerializerOptions? options)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.Number when value.TryGetInt32(out int n):
                return n;
            case JsonValueKind.String when AllowsNumbersAsStrings(options)
                && int.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int parsed):
                return parsed;
            case JsonValueKind.Number:
                throw new FormatException($"Expected a whole number, was {value.GetRawText()}.");
            default:
                throw new FormatException($"Expected a whole number, was {Describe(value.ValueKind)}.");
        }
    }

    internal static bool? ReadBool(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new FormatException($"Expected true or false, was {Describe(value.ValueKind)}."),
    };

    internal static T? ReadEnum<T>(JsonElement value, JsonSerializerOptions? options)
        where T : struct, Enum
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.String:
                string text = value.GetString()!;
                if (text.Length > 0 && char.IsAsciiLetter(text[0]) && Enum.TryParse(text, ignoreCase: true, out T parsed) && Enum.IsDefined(parsed))
                {
                    return parsed;
                }

                break;
            case JsonValueKind.Number when value.TryGetInt32(out int n):
                var fromNumber = (T)Enum.ToObject(typeof(T), n);
                if (Enum.IsDefined(fromNumber))
                {
                    return fromNumber;
                }

                break;
        }

        throw new FormatException($"Expected one of {string.Join(", ", Enum.GetNames<T>())}, was {(value.ValueKind == JsonValueKind.String ? $"'{value.GetString()}'" : value.GetRawText())}.");
    }

    internal static DateOnly? ReadDate(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String
            && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        throw new FormatException($"Expected a date as yyyy-MM-dd, was {(value.ValueKind == JsonValueKind.String ? $"'{value.GetString()}'" : Describe(value.ValueKind))}.");
    }

    internal static DateTimeOffset? ReadDateTimeOffset(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String && value.TryGetDateTimeOffset(out var moment))
        {
            return moment;
        }

        throw new FormatException($"Expected an ISO 8601 date and time, was {(value.ValueKind == JsonValueKind.String ? $"'{value.GetString()}'" : Describe(value.ValueKind))}.");
    }

    internal static string FormatDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static Dictionary<string, double>? ReadMetrics(JsonElement json, JsonSerializerOptions? options, JsonFieldErrors errors, string path)
    {
        if (!ExpectObject(json, errors, path))
        {
            return null;
        }

        var metrics = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in json.EnumerateObject())
        {
            var value = p.Value;
            errors.Try(JsonFieldErrors.Join(path, p.Name), () => metrics[p.Name] = ReadDouble(value, options) ?? throw new FormatException("A metric must be a number, was null."));
        }

        return metrics;
    }

    private static List<TriggerEvent>? ReadTriggerEvents(JsonElement json, JsonSerializerOptions? options, JsonFieldErrors errors, string path)
    {
        if (json.ValueKind != JsonValueKind.Array)
        {
            errors.Add(path, $"Expected a JSON array, was {Describe(json.ValueKind)}.");
            return null;
        }

        var events = new List<TriggerEvent>(json.GetArrayLength());
        int index = 0;
        foreach (var item in json.EnumerateArray())
        {
            string at = JsonFieldErrors.Index(path, index++);
            if (!ExpectObject(item, errors, at))
            {
                continue;
            }

            TriggerEventKind? kind = null;
            DateOnly? date = null;
            foreach (var p in item.EnumerateObject())
            {
                var value = p.Value;
                string field = JsonFieldErrors.Join(at, p.Name);
                _ = Match(p.Name, TriggerFields, options) switch
                {
                    nameof(TriggerEvent.Kind) => errors.Try(field, () => kind = ReadEnum<TriggerEventKind>(value, options)),
                    nameof(TriggerEvent.Date) => errors.Try(field, () => date = ReadDate(value)),
                    _ => Unmapped(p.Name, options, errors, field),
                };
            }

            if (kind is null)
            {
                errors.Add(JsonFieldErrors.Join(at, Name(nameof(TriggerEvent.Kind), options)), "The event's Kind is required.");
            }

            if (date is null)
            {
                errors.Add(JsonFieldErrors.Join(at, Name(nameof(TriggerEvent.Date), options)), "The event's Date is required.");
            }

            if (kind is { } k && date is { } d)
            {
                events.Add(new TriggerEvent(k, d));
            }
        }

        return events;
    }

    private static bool Unmapped(string name, JsonSerializerOptions? options, JsonFieldErrors errors, string path)
    {
        if (options?.UnmappedMemberHandling == System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow)
        {
            errors.Add(path, $"'{name}' is not a known field.");
            return false;
        }

        return true;
    }

    private static bool AllowsNumbersAsStrings(JsonSerializerOptions? options)
        => options is not null && (options.NumberHandling & System.Text.Json.Serialization.JsonNumberHandling.AllowReadingFromString) != 0;

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static void WriteIfNotNull(Utf8JsonWriter writer, string field, string? value, JsonSerializerOptions? options)
    {
        if (value is not null)
        {
            writer.WriteString(Name(field, options), value);
        }
    }

    private static void WriteIfNotNull(Utf8JsonWriter writer, string field, double? value, JsonSerializerOptions? options)
    {
        if (value is { } v)
        {
            writer.WriteNumber(Name(field, options), v);
        }
    }

    private static void WriteIfNotNull(Utf8JsonWriter writer, string field, int? value, JsonSerializerOptions? options)
    {
        if (value is { } v)
        {
            writer.WriteNumber(Name(field, options), v);
        }
    }

    private static void WriteIfNotNull(Utf8JsonWriter writer, string field, DateOnly? value, JsonSerializerOptions? options)
    {
        if (value is { } v)
        {
            writer.WriteString(Name(field, options), FormatDate(v));
        }
    }
}
