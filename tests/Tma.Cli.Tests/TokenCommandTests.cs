namespace Tma.Cli.Tests;

public sealed class TokenCommandTests
{
    [Fact]
    public void A_new_key_signs_tokens_with_the_caller_claims()
    {
        var key = Path.Combine(Path.GetTempPath(), $"tma-token-{Guid.NewGuid():N}.pem");

        var created = Cli.Run("token", "--key", key, "--new-key");
        var token = Cli.Run("token", "--key", key, "--user", "cm-1", "--tenant", "acme", "--role", "case_manager");
        var again = Cli.Run("token", "--key", key, "--new-key");

        Assert.Equal(0, created.Exit);
        Assert.Equal(0, token.Exit);
        var payload = token.Out.Trim().Split('.')[1];
        var json = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(payload.Replace('-', '+').Replace('_', '/') + new string('=', (4 - (payload.Length % 4)) % 4)));
        Assert.Contains("\"tid\":\"acme\"", json, StringComparison.Ordinal);
        Assert.Contains("\"role\":\"case_manager\"", json, StringComparison.Ordinal);
        Assert.Equal(2, again.Exit);
        File.Delete(key);
    }

    [Fact]
    public void Bad_options_are_all_reported()
    {
        var (exit, _, error) = Cli.Run("token", "--key", "/nonexistent.pem", "--tenant", "bad tenant", "--role", "boss");

        Assert.Equal(2, exit);
        Assert.Contains("--key", error, StringComparison.Ordinal);
        Assert.Contains("--user: required", error, StringComparison.Ordinal);
        Assert.Contains("--tenant", error, StringComparison.Ordinal);
        Assert.Contains("--role: one of", error, StringComparison.Ordinal);
    }
}
