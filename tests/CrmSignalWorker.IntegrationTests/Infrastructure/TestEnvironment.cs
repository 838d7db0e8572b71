namespace CrmSignalWorker.IntegrationTests.Infrastructure;

/// <summary>
/// Where the servers the tests need are. `make test` starts them and exports the variables; a test that
/// cannot find them fails with the way to fix it — it never skips.
/// </summary>
internal static class TestEnvironment
{
    public static string PostgresConnectionString => Required("CRMSIGNAL_POSTGRES", "PostgreSQL");

    public static string RedisConfiguration => Required("CRMSIGNAL_REDIS", "Redis");

    private static string Required(string variable, string server) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{variable} is not set, so there is no {server} to test against. Run `make test`, which starts one, "
                + $"or start it with `bash deploy/local/services.sh start DIR` and `source DIR/env`.");
}
