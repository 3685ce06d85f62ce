import tempfile
import time
from pathlib import Path

from django.test import SimpleTestCase

from twitter.celery import HeartbeatScheduler, app


class HeartbeatSchedulerTests(SimpleTestCase):
    def test_each_tick_touches_the_heartbeat(self) -> None:
        with tempfile.TemporaryDirectory() as folder:
            schedule = Path(folder, "schedule")
            scheduler = HeartbeatScheduler(app=app, schedule_filename=str(schedule))
            try:
                before = time.time()
                sleep = scheduler.tick()
            finally:
                scheduler.close()
            heartbeat = Path(folder, "schedule.heartbeat")
            self.assertGreaterEqual(heartbeat.stat().st_mtime, before - 1)
            # Beat wakes up again within its maximum loop interval.
            self.assertLessEqual(sleep, 30)
