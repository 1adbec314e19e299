using System.Globalization;
using System.Text.Json;
using ExpansionScoring.History;
using ExpansionScoring.Internal;

namespace ExpansionScoring.Plays;

/// <summary>
/// A checked set of trigger plays (SPEC §13) that turns the changes between two snapshots of a book into the week's
/// task list: every play whose event happened to an account gives one task. Immutable.
/// </summary>
public sealed class PlayBook
{
    private readonly (Play Play, PlayEvent Event, int DueDays)[] plays;

    private PlayBook((Play, PlayEvent, int)[] plays)
    {
        this.plays = plays;
        Plays = [.. plays.Select(p => p.Item1)];
    }

    /// <summary>
    /// Gets the sources' trigger plays (SPEC §13), one play per row: plan limit at 80 % → automated upgrade email (CS
    /// automation, 24 hours); a premium feature tried → power-user programme invite (CSM, 48 hours); an integration gone
    /// live (the key success milestone the data records) → business review with an expansion agenda (AE, 1 week); a burst
    /// of team invites → multi-seat offer to the admin (SDR, 3 days); renewal within 90, 60 and 30 days →
    /// value-realisation report and expansion proposal (CSM + AE, 1 week each); became Hot → expansion outreach on the
    /// pitch script (CSM, 1 week); gate cleared → re-assess (CSM, 1 week).
    /// </summary>
    public static PlayBook Default { get; } = Create(
    [
        new Play { Event = "usageAlert:80", Action = "automated email with upgrade options and a case study", Owner = "CS automation", Due = "24 hours" },
        new Play { Event = "newTrigger:PremiumFeatureAttempted", Action = "power-user programme invite", Owner = "CSM", Due = "48 hours" },
        new Play { Event = "newTrigger:IntegrationGoLive", Action = "business review with an expansion agenda", Owner = "AE", Due = "1 week" },
        new Play { Event = "newTrigger:TeamInviteBurst", Action = "multi-seat offer to the admin", Owner = "SDR", Due = "3 days" },
        new Play { Event = "renewalWithin:90", Action = "value-realisation report and expansion proposal (90 days to renewal)", Owner = "CSM + AE", Due = "1 week" },
        new Play { Event = "renewalWithin:60", Action = "value-realisation report and expansion proposal (60 days to renewal)", Owner = "CSM + AE", Due = "1 week" },
        new Play { Event = "renewalWithin:30", Action = "value-realisation report and expansion proposal (30 days to renewal)", Owner = "CSM + AE", Due = "1 week" },
        new Play { Event = "becameHot", Action = "expansion outreach on the account's pitch script", Owner = "CSM", Due = "1 week" },
        new Play { Event = "gateCleared", Action = "re-assess: the account may be pitched again", Owner = "CSM", Due = "1 week" },
    ]);

    /// <summary>Gets the plays, in the order given.</summary>
    public IReadOnlyList<Play> Plays { get; }

    /// <summary>Checks plays and builds a play book.</summary>
    /// <param name="plays">The plays.</param>
    /// <returns>The play book.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="plays"/> is <see langword="null"/>.</exception>
    /// <exception cref="ScoringConfigurationException">A play is invalid; <see cref="ScoringConfigurationException.Errors"/> lists every problem.</exception>
    public static PlayBook Create(IEnumerable<Play> plays)
    {
        Guard.NotNull(plays);
        var errors = new List<string>();
        var checkedPlays = new List<(Play, PlayEvent, int)>();
        int i = 0;
        foreach (var play in plays)
        {
            string at = string.Create(CultureInfo.InvariantCulture, $"plays[{i++}]");
            if (play is null)
            {
                errors.Add($"{at}: is null");
                continue;
            }

            if (Check(at, play.Event, play.Action, play.Owner, play.Due, errors) is { } ok)
            {
                checkedPlays.Add((play, ok.Event, ok.DueDays));
            }
        }

        return errors.Count > 0 ? throw new ScoringConfigurationException(errors) : new PlayBook([.. checkedPlays]);
    }

    /// <summary>
    /// Reads a plays file: <c>{"plays": [{"event": "becameHot", "action": "…", "owner": "CSM", "due": "1 week"}, …]}</c>
    /// (or the array alone). Property names are case-insensitive; comments and trailing commas are allowed.
    /// </summary>
    /// <param name="json">The file's text.</param>
    /// <returns>The play book.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    /// <exception cref="ScoringConfigurationException">The file is not valid JSON or not a plays file, or plays are invalid; <see cref="ScoringConfigurationException.Errors"/> lists every problem, each naming where it is.</exception>
    public static PlayBook FromJson(string json)
    {
        Guard.NotNull(json);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new ScoringConfigurationException([string.Create(CultureInfo.InvariantCulture, $"not valid JSON at line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}: {ex.Message.Split(" Path:")[0]}")]);
        }

        using (doc)
        {
            var errors = new List<string>();
            var root = doc.RootElement;
            JsonElement array = default;
            if (root.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in root.EnumerateObject())
                {
                    if (string.Equals(property.Name, "plays", StringComparison.OrdinalIgnoreCase))
                    {
                        array = property.Value;
                    }
                    else
                    {
                        errors.Add($"{property.Name}: unknown setting (a plays file has one: plays)");
                    }
                }
            }
            else
            {
                array = root;
            }

            if (array.ValueKind != JsonValueKind.Array)
            {
                errors.Add("plays: expected an array of plays, each {\"event\", \"action\", \"owner\", \"due\"}");
                throw new ScoringConfigurationException(errors);
            }

            var checkedPlays = new List<(Play, PlayEvent, int)>();
            int i = 0;
            foreach (var item in array.EnumerateArray())
            {
                string at = string.Create(CultureInfo.InvariantCulture, $"plays[{i++}]");
                if (item.ValueKind != JsonValueKind.Object)
                {
                    errors.Add($"{at}: expected an object {{\"event\", \"action\", \"owner\", \"due\"}}, found {item.ValueKind}");
                    continue;
                }

                string? ev = null, action = null, owner = null, due = null;
                foreach (var property in item.EnumerateObject())
                {
                    string name = property.Name.ToLowerInvariant();
                    if (name is not ("event" or "action" or "owner" or "due"))
                    {
                        errors.Add($"{at}.{property.Name}: unknown setting (expected event, action, owner, due)");
                        continue;
                    }

                    if (property.Value.ValueKind != JsonValueKind.String)
                    {
                        errors.Add($"{at}.{name}: expected a string, found {property.Value.ValueKind}");
                        continue;
                    }

                    string value = property.Value.GetString()!;
                    switch (name)
                    {
                        case "event": ev = value; break;
                        case "action": action = value; break;
                        case "owner": owner = value; break;
                        default: due = value; break;
                    }
                }

                if (Check(at, ev, action, owner, due, errors) is { } ok)
                {
                    checkedPlays.Add((new Play { Event = ev!, Action = action!, Owner = owner!, Due = due! }, ok.Event, ok.DueDays));
                }
            }

            return errors.Count > 0 ? throw new ScoringConfigurationException(errors) : new PlayBook([.. checkedPlays]);
        }
    }

    /// <summary>
    /// Turns the changes between two snapshots into tasks: one per play whose event happened to an account (accounts
    /// in both snapshots; of the accounts only in the later one, <c>becameHot</c> fires for those that arrive Hot), due
    /// the later snapshot's date plus the play's time. Ordered by due date, then opportunity (largest first), then account
    /// id (ordinal), then play order.
    /// </summary>
    /// <param name="changes">The changes.</param>
    /// <param name="ownerOf">The owner of an account by id (a CSM, say), or <see langword="null"/> to use the play's role; a <see langword="null"/> or blank answer also falls back to the role.</param>
    /// <returns>The tasks.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="changes"/> is <see langword="null"/>.</exception>
    public IReadOnlyList<PlayTask> Tasks(BookChanges changes, Func<string, string?>? ownerOf = null)
    {
        Guard.NotNull(changes);
        var asOf = changes.After.AsOf;
        var tasks = new List<(PlayTask Task, int Order)>();
        string Owner(string id, Play play) => ownerOf?.Invoke(id) is { } o && !string.IsNullOrWhiteSpace(o) ? o : play.Owner;
        for (int p = 0; p < plays.Length; p++)
        {
            var (play, ev, dueDays) = plays[p];
            foreach (var c in changes.Accounts)
            {
                if (ev.Fired(c))
                {
                    tasks.Add((new PlayTask { AccountId = c.AccountId, Name = c.Name, Event = ev.Name, Action = play.Action, Owner = Owner(c.AccountId, play), Due = asOf.AddDays(dueDays), Opportunity = c.OpportunityAfter }, p));
                }
            }

            if (ev.Kind == PlayEventKind.BecameHot)
            {
                foreach (var (id, score) in changes.AddedScores)
                {
                    if (score.BandIndex == 0)
                    {
                        tasks.Add((new PlayTask { AccountId = id, Name = score.Account.DisplayName, Event = ev.Name, Action = play.Action, Owner = Owner(id, play), Due = asOf.AddDays(dueDays), Opportunity = score.Opportunity }, p));
                    }
                }
            }
        }

        tasks.Sort((a, b) =>
        {
            int c = a.Task.Due.CompareTo(b.Task.Due);
            c = c != 0 ? c : b.Task.Opportunity.CompareTo(a.Task.Opportunity);
            c = c != 0 ? c : string.CompareOrdinal(a.Task.AccountId, b.Task.AccountId);
            return c != 0 ? c : a.Order.CompareTo(b.Order);
        });
        return [.. tasks.Select(t => t.Task)];
    }

    private static (PlayEvent Event, int DueDays)? Check(string at, string? ev, string? action, string? owner, string? due, List<string> errors)
    {
        int before = errors.Count;
        PlayEvent parsed = default;
        if (string.IsNullOrWhiteSpace(ev))
        {
            errors.Add($"{at}.event: missing (expected {PlayEvent.Expected})");
        }
        else if (!PlayEvent.TryParse(ev.Trim(), out parsed, out string problem))
        {
            errors.Add($"{at}.event: {problem}");
        }

        if (string.IsNullOrWhiteSpace(action))
        {
            errors.Add($"{at}.action: missing (what to do, such as \"expansion outreach\")");
        }

        if (string.IsNullOrWhiteSpace(owner))
        {
            errors.Add($"{at}.owner: missing (a role, such as \"CSM\")");
        }

        int days = 0;
        if (string.IsNullOrWhiteSpace(due))
        {
            errors.Add($"{at}.due: missing (such as \"24 hours\", \"3 days\" or \"1 week\")");
        }
        else if (DueDays(due) is { } d)
        {
            days = d;
        }
        else
        {
            errors.Add($"{at}.due: '{due}' is not a time (expected a whole number of hours, days or weeks up to a year, such as \"24 hours\", \"3 days\", \"1 week\", \"48h\")");
        }

        return errors.Count == before ? (parsed, days) : null;
    }

    /// <summary>Whole days for "24 hours", "3d", "1 week"…: hours round up to whole days; up to 366 days.</summary>
    private static int? DueDays(string text)
    {
        string t = text.Trim().ToLowerInvariant();
        int i = 0;
        while (i < t.Length && char.IsAsciiDigit(t[i]))
        {
            i++;
        }

        if (i == 0 || i > 6 || !int.TryParse(t.AsSpan(0, i), NumberStyles.None, CultureInfo.InvariantCulture, out int n))
        {
            return null;
        }

        long hours = t[i..].Trim() switch
        {
            "h" or "hour" or "hours" => n,
            "d" or "day" or "days" => n * 24L,
            "w" or "week" or "weeks" => n * 24L * 7,
            _ => -1,
        };
        return hours is < 0 or > 366 * 24 ? null : (int)((hours + 23) / 24);
    }
}
