"""
``newsdesk mail_worker``: the task worker for the ``newsletters`` queue (django-tasks'
``db_worker``), which first takes back what a previous worker left half done.

A worker killed in the middle of a send leaves its task marked as running, and no
worker runs a task twice; so at start this one settles the dead worker's claims and
queues the rest of every unfinished send (``sending.resume``). Run one per machine
that sends (deploy/systemd/newsdesk-mailer.service); a big send then never waits
behind purges or renditions, nor they behind it.
"""

from django_tasks_db.management.commands.db_worker import Command as WorkerCommand

from newsdesk.newsletters import sending


class Command(WorkerCommand):
    help = "Send newsletters: the worker of the newsletters queue, resuming unfinished sends."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(queue_name="newsletters", interval=0.5)

    def handle(self, *args, **options):
        resumed = sending.resume()
        if resumed and options["verbosity"]:
            self.stdout.write(f"Resumed {resumed} unfinished send(s).")
        return super().handle(*args, **options)
