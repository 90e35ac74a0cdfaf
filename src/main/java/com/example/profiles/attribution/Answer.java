package com.example.profiles.attribution;

import java.util.List;

/**
 * What a recommendation id binds: one answer as it was served.
 *
 * @param about          whose answer: a user's recommendations, or the similar items of an item
 * @param subject        the user id or the item id
 * @param model          the model whose vectors scored (the answer's {@code model.name})
 * @param arm            the model the split or the request assigned ({@code model.assigned})
 * @param strategy       {@code model.strategy}: vector, popular, interests
 * @param catalogVersion the snapshot's version
 * @param servedAt       epoch seconds
 * @param offset         the page's first position minus one ({@code offset} of the request)
 * @param itemIds        the page's items in order
 */
public record Answer(About about, String subject, String model, String arm, String strategy, String catalogVersion,
                     long servedAt, int offset, List<String> itemIds) {

    /** Whose answer an id is. */
    public enum About {
        /** Recommendations for a user: only that user's events are attributed to it. */
        USER,
        /** Similar items of an item: the same for every user, so any user's events are attributed to it. */
        ITEM
    }
}
