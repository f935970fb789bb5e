package org.twostep.schema;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.hibernate.SessionFactory;
import org.twostep.crypto.KeyFiles;

/**
 * Brings the database schema up to date when the application deploys, before anything uses it:
 * the versioned scripts in {@code db/migration} (Flyway), then Hibernate checks that the entities
 * match the tables. Hibernate never generates the schema; a mismatch fails the deployment.
 */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN) // Flyway manages its own transactions
public class SchemaMigrations {

    @Resource(lookup = "java:jboss/datasources/TwoStepDS")
    DataSource dataSource;

    @PersistenceUnit(unitName = "twostep")
    EntityManagerFactory emf;

    @Inject
    Logger log;

    @PostConstruct
    void migrate() {
        KeyFiles.restrictFolder(); // the embedded database's files, made with the umask, become the owner's only
        MigrateResult result = Flyway.configure(SchemaMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        if (result.migrationsExecuted > 0) {
            log.info(() -> "Database schema migrated to version " + result.targetSchemaVersion);
        }
        emf.unwrap(SessionFactory.class).getSchemaManager().validateMappedObjects();
    }
}
