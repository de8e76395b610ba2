"""CPU-heavy steps take turns, so the network steps they start are not queued behind all the others."""

from __future__ import annotations

import asyncio

from summarizer.turns import Turns, cpu_turn


async def run_steps(take_turns: bool, steps: int = 4) -> list[str]:
    """Each step is CPU work that, as a request would, starts a quick network step (a callback)."""
    order: list[str] = []
    turns = Turns()

    async def step(i: int) -> None:
        if take_turns:
            await turns.wait()
        order.append(f"cpu{i}")
        asyncio.get_running_loop().call_soon(order.append, f"io{i}")

    await asyncio.gather(*(step(i) for i in range(steps)))
    await asyncio.sleep(0)
    return order


def test_without_turns_network_steps_wait_behind_every_cpu_step():
    assert asyncio.run(run_steps(take_turns=False)) == ["cpu0", "cpu1", "cpu2", "cpu3", "io0", "io1", "io2", "io3"]


def test_with_turns_each_network_step_waits_for_one_cpu_step_at_most():
    assert asyncio.run(run_steps(take_turns=True)) == ["cpu0", "io0", "cpu1", "io1", "cpu2", "io2", "cpu3", "io3"]


def in_line(turns: Turns, count: int, done: list[int]) -> list[asyncio.Task[None]]:
    """``count`` tasks that each wait for a turn, then note their number in ``done``."""
    async def step(i: int) -> None:
        await turns.wait()
        done.append(i)

    return [asyncio.create_task(step(i)) for i in range(count)]


def test_a_waiter_cancelled_in_line_does_not_block_the_others():
    async def main() -> list[int]:
        turns, done = Turns(), []
        tasks = in_line(turns, 4, done)
        await asyncio.sleep(0)  # all four have asked: one holds the slot, three wait in line
        tasks[1].cancel()
        await asyncio.wait_for(asyncio.gather(*tasks, return_exceptions=True), timeout=2)
        await asyncio.wait_for(turns.wait(), timeout=2)  # the slot is free again afterwards
        return done

    assert asyncio.run(main()) == [0, 2, 3]


def test_the_holder_cancelled_hands_the_slot_on():
    async def main() -> list[int]:
        turns, done = Turns(), []
        tasks = in_line(turns, 3, done)
        await asyncio.sleep(0)
        tasks[0].cancel()  # it holds the slot, waiting in the loop's queue
        results = await asyncio.wait_for(asyncio.gather(*tasks, return_exceptions=True), timeout=2)
        assert isinstance(results[0], asyncio.CancelledError)
        return done

    assert asyncio.run(main()) == [1, 2]


def test_each_event_loop_has_its_own_turns():
    """A batch in another loop (another thread or a later asyncio.run) starts with a free slot.

    The first loop stops while a step holds its slot; a second loop sharing that
    ``Turns`` would wait for a hand-over that can never come.
    """
    first = asyncio.new_event_loop()
    holder = first.create_task(cpu_turn())  # takes the first loop's slot, then waits in that loop's queue
    first.call_soon(first.stop)
    first.run_forever()  # one pass: the holder takes the slot and queues its next step, then the loop stops
    assert not holder.done()  # still holding the slot: the loop ended under it
    try:
        asyncio.run(asyncio.wait_for(cpu_turn(), timeout=2))  # a free slot at once in a new loop
    finally:
        holder.cancel()
        first.run_until_complete(asyncio.gather(holder, return_exceptions=True))
        first.close()


def test_a_waiter_closed_in_line_does_not_keep_the_slot():
    """A coroutine closed while it waits (GeneratorExit, not a cancellation) must not be handed the slot."""
    async def main() -> None:
        turns = Turns()
        holder = asyncio.create_task(turns.wait())
        await asyncio.sleep(0)  # the holder has the slot and waits in the loop's queue
        waiter = turns.wait()
        waiter.send(None)  # now in line, suspended on its turn
        waiter.close()
        await holder
        await asyncio.wait_for(turns.wait(), timeout=2)  # would hang if the slot went to the closed waiter

    asyncio.run(main())
