using SafeCity.Cli;
using SafeCity.Cli.Import;
using SafeCity.Cli.Partners;

return args.FirstOrDefault() switch
{
    "run" => await RunCommand.RunAsync(args.Skip(1).ToArray()),
    "import" => await ImportCommand.RunAsync(args.Skip(1).ToArray()),
    "partner" => await PartnerCommand.RunAsync(args.Skip(1).ToArray()),
    "backup" => await BackupCommand.BackUpAsync(args.Skip(1).ToArray()),
    "restore" => await BackupCommand.RestoreAsync(args.Skip(1).ToArray()),
    "bench" => await SafeCity.Cli.Bench.BenchCommand.RunAsync(args.Skip(1).ToArray()),
    "soak" => await SafeCity.Cli.Soak.SoakCommand.RunAsync(args.Skip(1).ToArray()),
    "mutate" => await SafeCity.Cli.Mutate.MutateCommand.RunAsync(args.Skip(1).ToArray()),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        Usage: safecity run [--data DIR] [--broker-cluster] [--demo]
               safecity import police-street FILE|FOLDER|ZIP [--area NAME] [--gateway URL] [--gateway-http URL]
               safecity import population FILE --mid-year YYYY [--source TEXT] [--gateway-http URL]
               safecity partner send FILE --client-id ID [--client-secret SECRET] [--gateway-http URL] [--gateway URL]
               safecity backup [--data DIR] [--to DIR]
               safecity restore BACKUP-FOLDER [--data DIR]
               safecity bench [--quick] [--out FILE]
               safecity soak [--minutes N] [--broker-cluster] [--out FILE]
               safecity mutate [--only WORDS] [--no-docs]

          run     start RabbitMQ, every service and the gateway; stop them all with Ctrl+C
                  --demo: in .safecity-demo, a generated 2008/09 labelled "demonstration data" on every page
          import  police-street: a data.police.uk file, a month's folder of force files or its zip: every district counted
                  for the Most Similar Group, the rows of --area (Southampton for a folder or zip) sent to the themes;
                  population: an ONS mid-year estimate by district, all rows or none (the platform must be running)
          partner send a partner's CSV of records over gRPC, signed in with its organisation's client credentials
          backup  copy every service's store while the platform runs (default: DATA/backups/<time>)
          restore put a backup's stores back while the platform is stopped
          bench   measure a platform of its own and write docs/performance.md (not part of the tests)
          soak    a platform of its own under steady load for N minutes (30): memory per process, lag, anything lost
          mutate  remove each defence of the security code in turn and run the tests meant to pin it (not part of the tests)
        """);
    return 2;
}
