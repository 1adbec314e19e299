using ExpansionScoring.Signals;

namespace ExpansionScoring.Input.Tests;

public class AccountRowReaderTests
{
    private static readonly string[] Headers = ["Record ID", "Company name", "ARR (EUR)", "Seat use", "Renewal", "Events", "Owner"];

    private static InputSettings Settings() => InputSettings.FromJson("""
        { "columns": { "account_id": "record id", "name": "Company name", "arr": "ARR (EUR)", "seat_saturation": "Seat use",
                       "renewal_date": "Renewal", "trigger_events": "Events" },
          "culture": "de-DE", "keep": ["Owner"] }
        """);

    [Fact]
    public void Read_RowAsExported_BecomesTheAccount()
    {
        var reader = new AccountRowReader(Headers, Settings());

        var result = reader.Read(["A-1", "Müller GmbH", "12.000,50 €", "61 %", "27.03.2027", "feature_limit_hit@01.03.2027", "Dana"], 2);

        var account = Assert.IsType<Account>(result.Account);
        Assert.Empty(result.Problems);
        Assert.Equal("A-1", account.Id);
        Assert.Equal(12000.5, account.Arr);
        Assert.Equal(0.61, account.SeatSaturation!.Value, 12);
        Assert.Equal(new DateOnly(2027, 3, 27), account.RenewalDate);
        Assert.Equal(new TriggerEvent(TriggerEventKind.UsageLimitHit, new DateOnly(2027, 3, 1)), Assert.Single(account.Telemetry!.TriggerEvents!));
        Assert.Equal(["Owner"], reader.KeptColumns);
        Assert.Equal(["Dana"], result.Kept);
    }

    [Fact]
    public void Read_BadRow_EveryBadFieldNamedInColumnOrder()
    {
        var reader = new AccountRowReader(Headers, Settings());

        var result = reader.Read(["A-2", "Beta", "(1.200,00)", "viel", "3/27/2027", "", ""], 3);

        Assert.Null(result.Account);
        Assert.Equal(["ARR (EUR)", "Seat use", "Renewal"], result.Problems.Select(p => p.Field));
        Assert.Equal("(1.200,00)", result.Problems[0].Value);
        Assert.Contains("'3/27/2027' is not a date (expected yyyy-MM-dd, dd.MM.yyyy (de-DE))", result.Problems[2].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DuplicateId_Rejected()
    {
        var reader = new AccountRowReader(["account_id", "arr"]);
        reader.Read(["a", "1"], 2);

        var second = reader.Read(["a", "2"], 3);

        Assert.Null(second.Account);
        Assert.StartsWith("duplicate account_id 'a': first seen on line 2", Assert.Single(second.Problems).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_MissingRequiredColumn_FormatExceptionNamesTheNearestHeaderAndTheFix()
    {
        var ex = Assert.Throws<FormatException>(() => new AccountRowReader(["Record ID", "Annual recurring revenue"]));

        Assert.Equal("missing required column account_id (the header has 'Record ID' — map it with --map account_id=\"Record ID\"); missing required column arr (the header has 'Annual recurring revenue' — map it with --map arr=\"Annual recurring revenue\")", ex.Message);
    }

    [Fact]
    public void Ctor_NullHeaders_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new AccountRowReader(null!));
    }

    [Fact]
    public void FromJson_UnknownKey_Throws()
    {
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => InputSettings.FromJson("""{ "colums": {} }"""));
    }

    [Fact]
    public void Overlay_LaterSettingsWinKeyByKey()
    {
        var settings = InputSettings.FromJson("""{ "columns": { "account_id": "A", "arr": "B" }, "culture": "de-DE", "keep": ["X"] }""");
        var flags = new InputSettings { Culture = "en-US" };
        flags.Columns["arr"] = "C";

        settings.Overlay(flags);

        Assert.Equal("A", settings.Columns["ACCOUNT_ID"]);
        Assert.Equal("C", settings.Columns["arr"]);
        Assert.Equal("en-US", settings.Culture);
        Assert.Equal(["X"], settings.Keep);
    }
}
