using Tma.Research.Datasets;
using static Tma.Research.Tests.Datasets.DatasetTestFiles;

namespace Tma.Research.Tests.Datasets;

public sealed class IdentifierScreenTests
{
    [Theory]
    [InlineData("name", "name")]
    [InlineData("first_name", "name")]
    [InlineData("Surname", "surname")]
    [InlineData("E-Mail", "e_mail")]
    [InlineData("email", "email")]
    [InlineData("phoneNumber", "phone")]
    [InlineData("mobile", "mobile")]
    [InlineData("home address", "address")]
    [InlineData("date_of_birth", "birth")]
    [InlineData("DOB", "dob")]
    [InlineData("ssn", "ssn")]
    [InlineData("employee_id", "employee_id")]
    [InlineData("personnel_number", "personnel_number")]
    [InlineData("group:employee_id", "employee_id")]
    public void Identifier_like_column_names_are_recognized(string column, string token) =>
        Assert.Equal(token, IdentifierScreen.IdentifierName(column));

    [Theory]
    [InlineData("threat")]
    [InlineData("outcome")]
    [InlineData("case_key")]
    [InlineData("group:site")]
    [InlineData("recent_losses.relevance")]
    [InlineData("days_since_adverse_action")]
    [InlineData("renamed")]
    public void Ordinary_column_names_pass(string column) => Assert.Null(IdentifierScreen.IdentifierName(column));

    [Theory]
    [InlineData("+49 170 1234567", true)]
    [InlineData("0049-170-1234567", true)]
    [InlineData("(030) 1234567", true)]
    [InlineData("030/1234567", true)]
    [InlineData("+1 (555) 010-0199", true)]
    [InlineData("C-000123", false)]
    [InlineData("2024-0001", false)]
    [InlineData("123456789", false)]
    [InlineData("12.5", false)]
    [InlineData("+12", false)]
    public void Phone_numbers_are_recognized_but_keys_and_numbers_are_not(string cell, bool phone) =>
        Assert.Equal(phone, IdentifierScreen.LooksLikePhone(cell));

    [Theory]
    [InlineData("jane.doe@example.org", true)]
    [InlineData("x@y.io", true)]
    [InlineData("not an address", false)]
    [InlineData("a@b", false)]
    public void Email_addresses_are_recognized(string cell, bool email) => Assert.Equal(email, IdentifierScreen.LooksLikeEmail(cell));

    [Fact]
    public void Columns_are_refused_by_name_and_by_content_with_their_reasons()
    {
        var path = Write(string.Join("\r\n",
            "threat,first_name,contact,reach,notes,code,case_key,group:site,outcome",
            "direct,A,a.b@example.org,+49 170 1234567,Said he would come back and settle things with everyone,R1,C-0001,site_a,1",
            "none,B,c.d@example.org,+49 171 7654321,Calm conversation with the manager about the new shift plan,R2,C-0002,site_b,0",
            "veiled,C,,,,R3,C-0003,site_a,0") + "\r\n");
        var inputs = new HashSet<string> { "threat" };

        var refused = IdentifierScreen.Screen(path, c => inputs.Contains(c) || c is "outcome" or "case_key" || c.StartsWith("group:", StringComparison.Ordinal), inputs.Contains);

        Assert.Equal(["first_name", "contact", "reach", "notes"], refused.Select(r => r.Column));
        Assert.Equal([2, 3, 4, 5], refused.Select(r => r.ColumnNumber));
        Assert.Contains("name suggests a direct identifier (`name`)", refused[0].Reason, StringComparison.Ordinal);
        Assert.Equal("2 of 2 sampled non-empty cells look like e-mail addresses", refused[1].Reason);
        Assert.Equal("2 of 2 sampled non-empty cells look like phone numbers", refused[2].Reason);
        Assert.Equal("2 of 2 sampled non-empty cells are free text", refused[3].Reason);
        Assert.DoesNotContain(refused, r => r.Reason.Contains("example.org", StringComparison.Ordinal));
    }

    [Fact]
    public void Dataset_check_refuses_identifier_columns_before_reading_rows()
    {
        var path = Write($"{Header},email\r\n{GoodRow},x@example.org\r\n");

        var result = DatasetCheck.Run(path, Model());

        Assert.False(result.Succeeded);
        var refused = Assert.Single(result.RefusedColumns);
        Assert.Equal(("email", 10), (refused.Column, refused.ColumnNumber));
        Assert.Equal(0, result.Rows);
    }

    [Fact]
    public void Dataset_check_reports_rows_base_rate_and_missingness()
    {
        var path = Write($"{Header}\r\n{GoodRow}\r\ndirect,,stranger,,present,high,site_a,K2,0\r\nnone,no,,,absent,,site_b,K3,0\r\ndirect,yes,stranger,1,present,high,site_a,K4,1\r\n");

        var result = DatasetCheck.Run(path, Model());

        Assert.True(result.Succeeded);
        Assert.Equal(4, result.Rows);
        Assert.Equal(0.5, result.BaseRate);
        var missing = result.MissingPerInput.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal(0, missing["threat"]);
        Assert.Equal(1, missing["weapons_access"]);
        Assert.Equal(1, missing["relationship"]);
        Assert.Equal(2, missing["days_since_adverse_action"]);
        Assert.Equal(4, missing["workplace_grievance"]);
        Assert.StartsWith("sha256:", result.Fingerprint, StringComparison.Ordinal);
    }

    [Fact]
    public void Dataset_check_stops_at_a_bad_row_unless_told_to_skip()
    {
        var path = Write($"{Header}\r\n{GoodRow}\r\nbad,yes,stranger,12,present,high,site_a,K1,1\r\n{GoodRow}\r\n");

        var strict = DatasetCheck.Run(path, Model());
        var skipping = DatasetCheck.Run(path, Model(), new DatasetReadOptions { SkipBadRows = true });

        Assert.False(strict.Succeeded);
        Assert.Equal(1, strict.Rows);
        Assert.True(skipping.Succeeded);
        Assert.Equal((2, 1), (skipping.Rows, skipping.BadRows));
    }
}
