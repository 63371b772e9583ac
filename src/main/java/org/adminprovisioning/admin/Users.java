package org.adminprovisioning.admin;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/**
 * All users, offboarded ones included; "live" look-ups see only admins that are not offboarded.
 * Emails are stored normalized, so look-ups take an {@link EmailAddress}'s value.
 */
interface Users extends JpaRepository<User, UUID> {

    Optional<User> findByLiveEmail(String email);

    Optional<User> findByLiveCognitoUsername(String cognitoUsername);

    boolean existsByLiveEmail(String email);

    boolean existsByStatus(AdminStatus status);

    long countByStatusAndIdNot(AdminStatus status, UUID id);

    /** The user, locked ({@code SELECT … FOR UPDATE}) until the calling transaction ends. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select u from User u where u.id = :id")
    Optional<User> lockById(@Param("id") UUID id);

    /** Locks the roster row that every change lowering the number of ACTIVE admins takes first. */
    @Query(value = "SELECT name FROM engine_locks WHERE name = 'active-admins' FOR UPDATE", nativeQuery = true)
    String lockActiveAdminRoster();

    long countByLiveCognitoUsernameNotNull();

    /** As the drift report reads a user: the row and whether its AdminInfo exists, in one query, no entities. */
    String RECORDED = "select new org.adminprovisioning.admin.AdminRecords$RecordedAdmin(u.id, u.email, "
            + "u.cognitoUsername, u.status, case when i.id is null then false else true end) "
            + "from User u left join AdminInfo i on i.user = u ";

    /** The first live admins by id: the drift report's first page of records. */
    @Query(RECORDED + "where u.liveCognitoUsername is not null order by u.id")
    List<AdminRecords.RecordedAdmin> findFirstLive(Limit limit);

    /** The next live admins by id after {@code after}: keyset paging, as cheap on the last page as on the first. */
    @Query(RECORDED + "where u.liveCognitoUsername is not null and u.id > :after order by u.id")
    List<AdminRecords.RecordedAdmin> findLiveAfter(@Param("after") UUID after, Limit limit);

    /** The live admins with these Cognito usernames: one page of the admin group. */
    @Query(RECORDED + "where u.liveCognitoUsername in :usernames")
    List<AdminRecords.RecordedAdmin> findRecordedByLiveCognitoUsernames(@Param("usernames") Collection<String> usernames);

    /** What the security filter needs of a caller: one row, one indexed read, no entities to hydrate. */
    @Query("select new org.adminprovisioning.admin.AdminRecords$Caller(u.id, u.email, u.cognitoUsername, u.cognitoSub, "
            + "u.status) from User u where u.liveCognitoUsername = :cognitoUsername")
    Optional<AdminRecords.Caller> findCaller(@Param("cognitoUsername") String cognitoUsername);

    /** Which of these users have no {@link AdminInfo}. */
    @Query("select u.id from User u where u.id in :ids and not exists (select i from AdminInfo i where i.user = u)")
    List<UUID> findIdsWithoutAdminInfoIn(@Param("ids") Collection<UUID> ids);
}
