using SafeCity.Cli;

return args.FirstOrDefault() switch
{
    "run" => await RunCommand.RunAsync(args.Skip(1).ToArray()),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        Usage: safecity run [--data DIR]

          run     start RabbitMQ, every service and the gateway; stop them all with Ctrl+C
        """);
    return 2;
}
