from wagtail import hooks


@hooks.register("register_log_actions")
def register_publish_gate_actions(actions):
    actions.register_action(
        "newsdesk.publish_gate.bypassed",
        "Published without the publish gate",
        "Published without the publish gate",
    )
    actions.register_action(
        "newsdesk.publish_gate.scheduled_refused",
        "Scheduled publishing refused by the publish gate",
        "Scheduled publishing refused by the publish gate",
    )
