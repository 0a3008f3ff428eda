using Tma.Cli.Commands;

namespace Tma.Cli.Tests;

/// <summary>`tma serve` passes on only the flags that were given, so configuration applies to everything else.</summary>
public sealed class ServeCommandTests
{
    [Fact]
    public void Without_flags_the_host_gets_no_settings_from_the_command_line()
    {
        var parse = TmaCommandLine.Build().Parse(["serve"]);

        Assert.Empty(parse.Errors);
        Assert.Empty(ServeCommand.HostArguments(parse));
    }

    [Fact]
    public void An_authority_alone_adds_no_local_token_key()
    {
        // Before, `tma serve` always added a local key, so Tma__Authority alone failed with "not both".
        var parse = TmaCommandLine.Build().Parse(["serve", "--authority", "https://login.example.org/tenant"]);

        Assert.Equal(["--Tma:Authority=https://login.example.org/tenant"], ServeCommand.HostArguments(parse));
    }

    [Fact]
    public void Given_flags_become_their_configuration_keys()
    {
        var models = Repository.Path("models");
        var parse = TmaCommandLine.Build().Parse(["serve", "--models", models, "--rate-limit", "42", "--urls", "http://127.0.0.1:6000", "--development", "--allow-unsigned"]);

        Assert.Equal(
            ["--Urls=http://127.0.0.1:6000", $"--Tma:Models={models}", "--Tma:RequestsPerMinute=42", "--Tma:AllowUnsignedModels=true", "--Tma:Development=true"],
            ServeCommand.HostArguments(parse));
    }

    [Fact]
    public void The_web_ui_sign_in_flags_become_their_configuration_keys()
    {
        var secret = Repository.Path("README.md");
        var parse = TmaCommandLine.Build().Parse(["serve", "--oidc-authority", "https://login.example.org/tenant", "--oidc-client-id", "tma-web", "--oidc-client-secret-file", secret, "--data-protection-keys", "/srv/tma/dp-keys"]);

        Assert.Empty(parse.Errors);
        Assert.Equal(
            ["--Tma:Oidc:Authority=https://login.example.org/tenant", "--Tma:Oidc:ClientId=tma-web", $"--Tma:Oidc:ClientSecretFile={secret}", "--Tma:DataProtectionKeys=/srv/tma/dp-keys"],
            ServeCommand.HostArguments(parse));
    }
}
