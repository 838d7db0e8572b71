using CrmSignalWorker.Simulator.Hosting;

using var shutdown = new ShutdownSignal();
return await SimulatorHost.RunAsync(args, Console.Out, Console.Error, shutdown.Token);
